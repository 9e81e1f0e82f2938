/**
 * What a failed `publishBatch` tells its caller, on the real broker: an event too large for a
 * Kafka message fails the whole call before anything is sent; when the broker itself refuses
 * a request of a batch (the limit raised above the broker's), the error lists exactly the
 * events that were written (with their offsets) and the topic holds exactly those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError, Publisher, type EventDescriptor, type EventcClient } from 'eventc/runtime';
import {
  client,
  createTopic,
  header,
  kafka,
  pingEvent,
  readTopic,
  unique,
  type PingV1,
} from './helpers.js';

async function written(topic: string): Promise<number> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

const HUGE = 'x'.repeat(2_000_000);
const batch = (n: number, hugeAt: number): { value: PingV1; options: { eventId: string } }[] =>
  Array.from({ length: n }, (_, i) => ({
    value: { id: `p-${i}`, n: i, note: i === hugeAt ? HUGE : null },
    options: { eventId: `e-${i}` },
  }));

describe('publishBatch outcomes', () => {
  let topic: string;
  let event: EventDescriptor;
  const clients: EventcClient[] = [];

  beforeAll(async () => {
    topic = unique('outcomes');
    await createTopic(topic);
    event = await pingEvent(topic);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  it('refuses a batch with an event over the message limit before sending any of it', async () => {
    const c = client();
    clients.push(c);
    const p = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    const err = (await p.publishBatch(batch(4001, 4000)).catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    expect(err.message).toContain('refused before sending anything: e-4000 (');
    expect(err.written).toEqual([]);
    expect(err.notWritten).toHaveLength(4001);
    expect(err.notWritten.every((u) => !u.sent)).toBe(true);
    expect(await written(topic)).toBe(0);
  });

  it('lists exactly what was written when the broker refuses a request of the batch', async () => {
    // A limit above the broker's, so the 2 MB event reaches the broker and is refused there.
    const c = client({ producer: { maxMessageBytes: 10_000_000 } });
    clients.push(c);
    const p = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    const err = (await p.publishBatch(batch(4001, 2500)).catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    // Requests of at most 1,000 events and 900 kB: e-0..e-2499 in three, then the large
    // event alone, which the broker refuses; the 1,500 after it were never sent.
    expect(err.written.map((w) => w.eventId)).toEqual(
      Array.from({ length: 2500 }, (_, i) => `e-${i}`),
    );
    expect(err.written.map((w) => w.offset)).toEqual(
      Array.from({ length: 2500 }, (_, i) => String(i)),
    );
    expect(err.notWritten.filter((u) => u.sent).map((u) => u.eventId)).toEqual(['e-2500']);
    expect(err.notWritten.filter((u) => !u.sent)).toHaveLength(1500);
    expect(await written(topic)).toBe(2500);
    const ids = (await readTopic(topic, 2500)).map((m) => header(m, 'eventc-event-id'));
    expect(ids).toEqual(err.written.map((w) => w.eventId));
  });
});
