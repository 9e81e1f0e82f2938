import type { Message, Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { Sender } from '../../../runtime/sender.js';

/** A producer that records each request and acknowledges it on partition 0 from offset 100. */
function recordingProducer(): { producer: Producer; requests: number[] } {
  const requests: number[] = [];
  const sendBatch = (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    const messages = batch.topicMessages!.flatMap((t) => t.messages);
    requests.push(messages.length);
    for (const m of messages) m.partition = 0;
    return Promise.resolve([{ topicName: 't', partition: 0, errorCode: 0, baseOffset: '100' }]);
  };
  return { producer: { sendBatch } as unknown as Producer, requests };
}

const message = (i: number): Message => ({ value: Buffer.from(`v${i}`), partition: undefined });
const items = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    topic: 't',
    message: message(from + i),
    target: { partition: -1 } as { partition: number; offset?: string },
  }));

describe('Sender', () => {
  it('coalesces messages queued in the same turn of the event loop into one request', async () => {
    const { producer, requests } = recordingProducer();
    const sender = new Sender(producer);
    const sent = [sender.send('t', message(0)), sender.send('t', message(1))];
    sent.push(sender.sendMany(items(2, 3)).then(() => ({ partition: 0 })));
    expect(requests).toEqual([]); // nothing yet: more may come in this turn
    const targets = await Promise.all(sent);
    expect(requests).toEqual([5]);
    expect(targets.slice(0, 2)).toEqual([
      { partition: 0, offset: '100' },
      { partition: 0, offset: '101' },
    ]);
  });

  it('sends a full request at once, without waiting for the event loop', async () => {
    const { producer, requests } = recordingProducer();
    const sender = new Sender(producer, { maxBatchMessages: 4 });
    const batch = items(0, 6);
    const done = sender.sendMany(batch);
    expect(requests).toEqual([4]); // the first four filled a request
    await done;
    expect(requests).toEqual([4, 2]);
    expect(batch.map((b) => b.target.offset)).toEqual(['100', '101', '102', '103', '100', '101']);
  });

  it('sends a request full by bytes at once', () => {
    const { producer, requests } = recordingProducer();
    const sender = new Sender(producer, { maxBatchBytes: 1000 });
    void sender.send('t', { value: Buffer.alloc(600) });
    expect(requests).toEqual([]);
    void sender.send('t', { value: Buffer.alloc(600) });
    expect(requests).toEqual([1]); // 1,200 bytes queued: the first message fills a request
  });
});
