import type { Message, Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { PublishError } from '../../../../runtime/errors.js';
import { Sender } from '../../../../runtime/producer/sender.js';

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

  /** Acknowledges each request on partition 0, offsets from 100 on, but fails request `failing`. */
  function failingProducer(failing: number): { producer: Producer; requests: string[][] } {
    const requests: string[][] = [];
    const sendBatch = (batch: ProducerBatch): Promise<RecordMetadata[]> => {
      const messages = batch.topicMessages!.flatMap((t) => t.messages);
      requests.push(messages.map((m) => String(m.headers?.['eventc-event-id'])));
      for (const m of messages) m.partition = 0;
      const base = String(100 * requests.length);
      if (requests.length === failing) {
        return Promise.reject(
          Object.assign(
            new Error(
              'The request included a message larger than the max message size the server will accept',
            ),
            { retriable: false },
          ),
        );
      }
      return Promise.resolve([{ topicName: 't', partition: 0, errorCode: 0, baseOffset: base }]);
    };
    return { producer: { sendBatch } as unknown as Producer, requests };
  }
  const withId = (id: string, bytes = 10): Message => ({
    value: Buffer.alloc(bytes),
    headers: { 'eventc-event-id': id },
    partition: undefined,
  });
  const batchOf = (ids: string[]) =>
    ids.map((id) => ({
      topic: 't',
      message: withId(id),
      target: { partition: -1 } as { partition: number; offset?: string },
    }));

  it('says which events of a failed batch were written, and sends nothing of it after the failure', async () => {
    const { producer, requests } = failingProducer(2);
    const sender = new Sender(producer, { maxBatchMessages: 2 });
    const err = (await sender
      .sendMany(batchOf(['a', 'b', 'c', 'd', 'e', 'f']))
      .catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    expect(requests).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]); // e and f never left the process
    expect(err.written).toEqual([
      { eventId: 'a', topic: 't', partition: 0, offset: '100' },
      { eventId: 'b', topic: 't', partition: 0, offset: '101' },
    ]);
    expect(err.notWritten.map((u) => [u.eventId, u.sent])).toEqual([
      ['c', true],
      ['d', true],
      ['e', false],
      ['f', false],
    ]);
    expect(err.message).toBe(
      'Publishing 6 event(s) to t failed: The request included a message larger than the max message size the server will accept; 2 written, 4 not written (see written and notWritten)',
    );
    expect(err.retriable).toBe(false);
    // The sender goes on with the next call.
    await expect(sender.send('t', withId('g'))).resolves.toEqual({ partition: 0, offset: '300' });
  });

  it('refuses a call with an event larger than a Kafka message before sending any of it', async () => {
    const { producer, requests } = failingProducer(0);
    const sender = new Sender(producer, { maxMessageBytes: 1000 });
    const items = batchOf(['a', 'b']);
    items.push({ topic: 't', message: withId('huge', 5000), target: { partition: -1 } });
    const err = (await sender.sendMany(items).catch((e: unknown) => e)) as PublishError;
    expect(err.message).toMatch(
      /^Publishing 3 event\(s\) to t refused before sending anything: huge \(\d+ bytes\) larger than the 1000 bytes/,
    );
    expect(err.written).toEqual([]);
    expect(err.notWritten.map((u) => [u.eventId, u.sent])).toEqual([
      ['a', false],
      ['b', false],
      ['huge', false],
    ]);
    const single = (await sender
      .send('t', withId('big', 2000))
      .catch((e: unknown) => e)) as PublishError;
    expect(single.notWritten).toEqual([
      { eventId: 'big', topic: 't', sent: false, reason: 'not sent: the call failed first' },
    ]);
    await sender.flush();
    expect(requests).toEqual([]);
  });

  it('rejects each call whose events were in a failed request, and only those', async () => {
    const { producer } = failingProducer(1);
    const sender = new Sender(producer);
    const first = sender.send('t', withId('x')).catch((e: unknown) => e as PublishError);
    const second = sender.send('t', withId('y')).catch((e: unknown) => e as PublishError);
    const [a, b] = await Promise.all([first, second]);
    expect((a as PublishError).notWritten).toEqual([
      {
        eventId: 'x',
        topic: 't',
        sent: true,
        reason: 'its request failed; the broker may have written it',
      },
    ]);
    expect((b as PublishError).notWritten.map((u) => u.eventId)).toEqual(['y']);
    expect((a as PublishError).message).not.toContain('written (see');
    await expect(sender.send('t', withId('z'))).resolves.toMatchObject({ offset: '200' });
  });
});
