/**
 * Deadlines on the real broker: a handler that never returns times out, is retried, and goes
 * to the dead-letter topic with reason `handler-timeout` while the next event is handled; a
 * `stop()` waits for a hung handler only `stopTimeoutMs`, leaves its event uncommitted for
 * the next owner, and starts no handler once it was asked; a hung handler holds up only its
 * own partition (the others of the same fetch go on once it is set aside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Consumer,
  DLQ_HEADER,
  Publisher,
  subscribe,
  type EventDescriptor,
  type EventcClient,
} from 'eventc/runtime';
import { keyPartition } from '../../../runtime/producer/murmur2.js';
import { DETACH_AFTER_MS } from '../../../runtime/consumer/batch.js';
import {
  client,
  createTopic,
  header,
  pingEvent,
  readTopic,
  unique,
  until,
  type PingV1,
} from './helpers.js';

const never = new Promise<void>(() => undefined);

describe('handler deadlines and the stop deadline', () => {
  let c: EventcClient;

  async function topicWith(
    name: string,
    ids: string[],
  ): Promise<{ topic: string; event: EventDescriptor }> {
    const topic = unique(name);
    await createTopic(topic);
    const event = await pingEvent(topic);
    const p = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    for (const [n, id] of ids.entries()) await p.publish({ id, n, note: null }, { key: 'one' });
    return { topic, event };
  }

  beforeAll(() => {
    c = client();
  });
  afterAll(async () => {
    await c.close();
  });

  it('times a hung handler out, retries it, parks it as handler-timeout, and goes on', async () => {
    const { topic, event } = await topicWith('timeout', ['hangs', 'next']);
    const handled: string[] = [];
    let attempts = 0;
    const consumer = new Consumer(c, {
      groupId: unique('timeout-group'),
      retry: { attempts: 2, initialDelayMs: 100 },
      handlerTimeoutMs: 60_000,
      subscriptions: [
        subscribe<PingV1>(
          event.versions[0]!,
          async (v) => {
            if (v.id === 'hangs') {
              attempts++;
              return never;
            }
            handled.push(v.id);
          },
          { timeoutMs: 700 }, // the subscription's own, under the consumer's 60 s
        ),
      ],
    });
    const started = Date.now();
    await consumer.start();
    await until('the event after the hung one', () => handled.includes('next'), {
      state: () => handled,
    });
    const took = Date.now() - started;
    await consumer.stop();
    expect(attempts).toBe(2);
    // Two attempts of 700 ms and a back-off: the partition waited that long, not more.
    expect(took).toBeLessThan(15_000);
    const [parked] = await readTopic(`${topic}.dlq`, 1);
    expect(header(parked!, DLQ_HEADER.reason)).toBe('handler-timeout');
    expect(header(parked!, DLQ_HEADER.attempts)).toBe('2');
    expect(header(parked!, DLQ_HEADER.error)).toContain('did not finish within 700 ms');
  });

  it('stops within stopTimeoutMs despite a hung handler, and leaves its event to the next owner', async () => {
    const { event } = await topicWith('stop', ['hangs', 'after']);
    const groupId = unique('stop-group');
    let began = false;
    let startedAfterStop = 0;
    let stopping = false;
    const hung = new Consumer(c, {
      groupId,
      stopTimeoutMs: 1000,
      subscriptions: [
        subscribe<PingV1>(event.versions[0]!, async () => {
          if (stopping) startedAfterStop++;
          began = true;
          return never;
        }),
      ],
    });
    await hung.start();
    await until('the handler to begin', () => began);
    stopping = true;
    const t0 = Date.now();
    await hung.stop();
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(startedAfterStop).toBe(0);

    // Nothing was committed: the next member of the group gets both events.
    const seen: string[] = [];
    const next = new Consumer(c, {
      groupId,
      subscriptions: [subscribe<PingV1>(event.versions[0]!, async (v) => void seen.push(v.id))],
    });
    await next.start();
    await until('both events at the next owner', () => seen.length >= 2, { state: () => seen });
    await next.stop();
    expect(seen).toEqual(['hangs', 'after']);
  });

  it('holds up only its own partition: the others go on while it hangs, and it keeps its order', async () => {
    const topic = unique('detach');
    await createTopic(topic, 2);
    const event = await pingEvent(topic);
    // One key on each partition.
    const keyOn = (p: number) =>
      [...Array(100).keys()].map((i) => `k${i}`).find((k) => keyPartition(k, 2) === p)!;
    const [slowKey, fastKey] = [keyOn(0), keyOn(1)];
    const p = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    await p.publish({ id: 'hangs', n: 0, note: null }, { key: slowKey });
    await p.publish({ id: 'after-hang', n: 1, note: null }, { key: slowKey });
    for (let n = 0; n < 20; n++)
      await p.publish({ id: `other-${n}`, n, note: null }, { key: fastKey });
    const handled = new Map<string, number>();
    const consumer = new Consumer(c, {
      groupId: unique('detach-group'),
      retry: { attempts: 3, initialDelayMs: 100, maxDelayMs: 100 },
      subscriptions: [
        subscribe<PingV1>(
          event.versions[0]!,
          async (v) => {
            if (v.id === 'hangs') return never;
            handled.set(v.id, Date.now());
          },
          { timeoutMs: 6000 }, // three attempts: about 18 s on partition 0
        ),
      ],
    });
    const started = Date.now();
    await consumer.start();
    await until(
      'every event of the other partition',
      () => [...handled.keys()].filter((id) => id.startsWith('other-')).length === 20,
      {
        timeoutMs: 60_000,
        state: () => [...handled.keys()],
      },
    );
    const otherDone = Date.now() - started;
    await until('the event after the hung one', () => handled.has('after-hang'), {
      timeoutMs: 60_000,
    });
    const parkedAt = Date.now() - started;
    await consumer.stop();
    // The other partition waited for the set-aside, not for the three timed-out attempts.
    expect(otherDone).toBeLessThan(DETACH_AFTER_MS + 6000);
    expect(parkedAt).toBeGreaterThan(3 * 6000);
    expect(handled.get('other-19')!).toBeLessThan(handled.get('after-hang')!);
    const [dead] = await readTopic(`${topic}.dlq`, 1);
    expect(header(dead!, DLQ_HEADER.reason)).toBe('handler-timeout');
  });
});
