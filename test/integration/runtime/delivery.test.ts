import { afterEach, describe, expect, it } from 'vitest';
import {
  Consumer,
  DLQ_HEADER,
  Publisher,
  decodeFrame,
  parseTraceparent,
  subscribe,
  type EventContext,
  type EventcClient,
  type PublishResult,
} from 'eventc/runtime';
import {
  client,
  createTopic,
  header,
  kafka,
  pingEvent,
  readTopic,
  unique,
  until,
  type PingV1,
} from './helpers.js';

const open: EventcClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function tracked(c: EventcClient): EventcClient {
  open.push(c);
  return c;
}

/** Committed offsets of the group equal the end offsets of every partition of `topic`. */
async function allCommitted(groupId: string, topic: string): Promise<boolean> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every(
      (e) => committed!.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
    );
  } finally {
    await admin.disconnect();
  }
}

describe('delivery through the real broker', () => {
  it('handles each of 10,000 events exactly once and commits every offset', async () => {
    const topic = unique('tenk');
    await createTopic(topic, 3);
    const event = await pingEvent(topic);
    const producerClient = tracked(client());
    const publisher = new Publisher<PingV1>(producerClient, event.versions[0]!);
    await producerClient.connect();

    const ids = Array.from({ length: 10_000 }, (_, i) => `id-${i}`);
    // Half one at a time (coalesced by the sender), half in explicit batches.
    const single = Promise.all(
      ids.slice(0, 5000).map((id, n) => publisher.publish({ id, n, note: null }, { eventId: id })),
    );
    const batches: Promise<PublishResult[]>[] = [];
    for (let i = 5000; i < 10_000; i += 500) {
      batches.push(
        publisher.publishBatch(
          ids
            .slice(i, i + 500)
            .map((id, k) => ({ value: { id, n: i + k, note: 'b' }, options: { eventId: id } })),
        ),
      );
    }
    const results = [...(await single), ...(await Promise.all(batches)).flat()];
    expect(results.map((r) => r.eventId)).toEqual(ids);

    const seen = new Map<string, number>();
    const consumedAt = new Map<string, string>();
    const groupId = unique('tenk-group');
    const consumerClient = tracked(client());
    const consumer = new Consumer(consumerClient, {
      groupId,
      partitionConcurrency: 4,
      partitionsConsumedConcurrently: 3,
      subscriptions: [
        subscribe<PingV1>(event.versions[0]!, async (value, ctx) => {
          expect(ctx.eventId).toBe(value.id);
          seen.set(ctx.eventId, (seen.get(ctx.eventId) ?? 0) + 1);
          consumedAt.set(ctx.eventId, `${ctx.partition}@${ctx.offset}`);
        }),
      ],
    });
    await consumer.start();
    await until('10,000 distinct events handled', () => seen.size === 10_000, {
      state: () => seen.size,
    });
    await until('every offset committed', () => allCommitted(groupId, topic));
    await consumer.stop();

    expect([...seen.keys()].sort()).toEqual([...ids].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Each publish reported the partition and offset the event was consumed from.
    const mismatched = results.filter(
      (r) => consumedAt.get(r.eventId) !== `${r.partition}@${r.offset}`,
    );
    expect(mismatched).toEqual([]);
    const metrics = consumerClient.metrics.expose();
    expect(metrics).toMatch(
      new RegExp(`eventc_events_handled_total\\{event="Ping",topic="${topic}"\\} 10000`),
    );
    expect(metrics).toContain('eventc_handler_duration_seconds_count');
  });

  it('retries a failing handler, parks events that keep failing on the DLQ with the details, handles the rest', async () => {
    const topic = unique('fail');
    await createTopic(topic, 2);
    const event = await pingEvent(topic);
    const c = tracked(client());
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    const published = await publisher.publishBatch(
      Array.from({ length: 50 }, (_, n) => ({
        value: { id: `f-${n}`, n, note: null },
        options: { headers: { 'x-origin': 'test' } },
      })),
    );

    const handled = new Set<number>();
    const attempts = new Map<number, number>();
    const consumer = new Consumer(c, {
      groupId: unique('fail-group'),
      retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
      subscriptions: [
        subscribe<PingV1>(event.versions[0]!, async (value) => {
          const a = (attempts.get(value.n) ?? 0) + 1;
          attempts.set(value.n, a);
          if (value.n % 10 === 3) throw new Error(`cannot handle ${value.id}`);
          if (value.n % 10 === 7 && a < 3) throw new Error('transient');
          handled.add(value.n);
        }),
      ],
    });
    await consumer.start();
    const failing = [3, 13, 23, 33, 43];
    const dlq = await readTopic(`${topic}.dlq`, failing.length);
    await until('the other 45 events handled', () => handled.size === 45, {
      state: () => handled.size,
    });
    await consumer.stop();

    expect([...handled].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, n) => n).filter((n) => n % 10 !== 3),
    );
    for (const n of [7, 17, 27]) expect(attempts.get(n)).toBe(3);
    expect(dlq).toHaveLength(failing.length);
    for (const message of dlq) {
      const value = event.versions[0]!.type.fromBuffer(decodeFrame(message.value!).body) as PingV1;
      expect(failing).toContain(value.n);
      const original = published[value.n]!;
      expect(message.key?.toString()).toBe(`f-${value.n}`);
      expect(header(message, 'eventc-event-id')).toBe(original.eventId);
      expect(header(message, 'x-origin')).toBe('test');
      expect(header(message, DLQ_HEADER.reason)).toBe('handler-failed');
      expect(header(message, DLQ_HEADER.error)).toBe(`cannot handle f-${value.n}`);
      expect(header(message, DLQ_HEADER.errorName)).toBe('Error');
      expect(header(message, DLQ_HEADER.attempts)).toBe('3');
      expect(header(message, DLQ_HEADER.sourceTopic)).toBe(topic);
      expect(header(message, DLQ_HEADER.sourcePartition)).toBe(String(original.partition));
      expect(header(message, DLQ_HEADER.sourceOffset)).toBe(original.offset);
    }
    expect(c.metrics.expose()).toMatch(
      /eventc_events_dead_lettered_total\{reason="handler-failed",topic="[^"]+"\} 5/,
    );
  });

  it('publishes a transaction all together, and nothing of an aborted one', async () => {
    const topic = unique('tx');
    await createTopic(topic);
    const event = await pingEvent(topic);
    const c = tracked(client());
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    await publisher.publishTransaction([
      { id: 't1', n: 1, note: null },
      { id: 't2', n: 2, note: null },
    ]);
    await expect(
      c.transaction(async (tx) => {
        await tx.publish(publisher, { id: 'aborted', n: 3, note: null });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await c.transaction(async (tx) => {
      await tx.publish(publisher, { id: 't3', n: 4, note: null });
    });
    const got: string[] = [];
    const consumer = new Consumer(c, {
      groupId: unique('tx-group'),
      subscriptions: [subscribe<PingV1>(event.versions[0]!, async (v) => void got.push(v.id))],
    });
    await consumer.start();
    await until('three committed events', () => got.length >= 3, { state: () => got });
    await consumer.stop();
    expect(got).toEqual(['t1', 't2', 't3']);
  });

  it('carries correlation id, causation id and trace context from a handled event to the events it publishes', async () => {
    const inTopic = unique('trace-in');
    const outTopic = unique('trace-out');
    await Promise.all([createTopic(inTopic), createTopic(outTopic)]);
    const [inEvent, outEvent] = await Promise.all([pingEvent(inTopic), pingEvent(outTopic)]);
    const c = tracked(client());
    const inPublisher = new Publisher<PingV1>(c, inEvent.versions[0]!);
    const outPublisher = new Publisher<PingV1>(c, outEvent.versions[0]!);
    await c.connect();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const first = await inPublisher.publish(
      { id: 'a', n: 1, note: null },
      { correlationId: 'corr-9', traceparent },
    );
    let received: EventContext | undefined;
    const consumer = new Consumer(c, {
      groupId: unique('trace-group'),
      subscriptions: [
        subscribe<PingV1>(inEvent.versions[0]!, async (v, ctx) => {
          await outPublisher.publish({ ...v, id: 'b' }, { cause: ctx });
        }),
        subscribe<PingV1>(outEvent.versions[0]!, async (_v, ctx) => {
          received = ctx;
        }),
      ],
    });
    await consumer.start();
    await until('the derived event', () => received !== undefined);
    await consumer.stop();
    expect(received!.correlationId).toBe('corr-9');
    expect(received!.causationId).toBe(first.eventId);
    const tp = parseTraceparent(received!.traceparent)!;
    expect(tp.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(tp.spanId).not.toBe('b7ad6b7169203331');
  });

  it('reads an older writer version into a newer reader version, with the writer version visible', async () => {
    const topic = unique('versions');
    await createTopic(topic);
    const event = await pingEvent(topic);
    const c = tracked(client());
    const v1 = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    await v1.publish({ id: 'old', n: 1, note: 'x' });
    let got: { value: unknown; writer: number; reader: number } | undefined;
    const consumer = new Consumer(c, {
      groupId: unique('versions-group'),
      subscriptions: [
        subscribe(event.versions[1]!, async (value, ctx) => {
          got = { value, writer: ctx.writerVersion, reader: ctx.readerVersion };
        }),
      ],
    });
    await consumer.start();
    await until('the event', () => got !== undefined);
    await consumer.stop();
    expect(got).toEqual({
      value: { id: 'old', n: 1, note: 'x', tag: 'none' },
      writer: 1,
      reader: 2,
    });
  });
});
