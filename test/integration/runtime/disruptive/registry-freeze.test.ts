/**
 * The registry frozen with SIGSTOP (connections accepted, no answer) for longer than the
 * session timeout, while the consumer needs a writer schema it has not cached: the member
 * keeps heartbeating while it waits, so the group does not drop it, and once the registry
 * answers again every event is handled, once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  Consumer,
  Publisher,
  defineEvent,
  subscribe,
  type EventDescriptor,
  type Logger,
} from 'eventc/runtime';
import { client, createTopic, pingEvent, unique, until, type PingV1 } from '../helpers.js';
import { disruptiveEnabled, freezeRegistry, thawRegistry } from './stack-control.js';

const SESSION_TIMEOUT_MS = 6000;

describe.skipIf(!disruptiveEnabled)('the registry frozen longer than the session timeout', () => {
  afterAll(() => {
    thawRegistry(); // Whatever happened, the shared stack gets its registry back.
  });

  it('costs the member nothing: no rebalance, and every event handled once afterwards', async () => {
    const topic = unique('reg-freeze');
    await createTopic(topic, 2);
    const event = await pingEvent(topic);
    // The consumer knows v1 only, so v2's writer schema must come from the registry.
    const v1Only: EventDescriptor = defineEvent({
      ...event,
      versions: [{ ...event.versions[0]! }],
    });
    const warnings: string[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (msg) => void warnings.push(msg),
      error: (msg) => void warnings.push(msg),
    };
    const producer = client();
    const v1 = new Publisher<PingV1>(producer, event.versions[0]!);
    const v2 = new Publisher<PingV1 & { tag: string }>(producer, event.versions[1]!);
    await producer.connect();
    await v2.ready();
    const c = client({ logger });
    const handled: string[] = [];
    const consumer = new Consumer(c, {
      groupId: unique('reg-freeze'),
      kafka: { sessionTimeout: SESSION_TIMEOUT_MS, heartbeatInterval: 1000 },
      subscriptions: [subscribe<PingV1>(v1Only.versions[0]!, async (v) => void handled.push(v.id))],
    });
    await consumer.start();
    await v1.publishBatch(Array.from({ length: 50 }, (_, n) => ({ id: `a-${n}`, n, note: null })));
    await until('the first 50 handled', () => handled.length === 50);
    const joinsBefore = warnings.filter((w) => w.startsWith('group joined')).length;
    expect(joinsBefore).toBeGreaterThan(0);

    freezeRegistry();
    try {
      await v2.publishBatch(
        Array.from({ length: 50 }, (_, n) => ({ id: `b-${n}`, n, note: null, tag: 't' })),
      );
      await v1.publishBatch(
        Array.from({ length: 50 }, (_, n) => ({ id: `c-${n}`, n, note: null })),
      );
      await new Promise((r) => setTimeout(r, SESSION_TIMEOUT_MS * 2.5));
      // Waiting for the schema, the v2 events (and what follows them) are not handled yet.
      expect(handled.filter((id) => id.startsWith('b-'))).toEqual([]);
    } finally {
      thawRegistry();
    }
    await until('all 150 handled', () => handled.length >= 150, {
      timeoutMs: 60_000,
      state: () => handled.length,
    });
    await consumer.stop();
    await c.close();
    await producer.close();

    expect(new Set(handled).size).toBe(150);
    expect(handled).toHaveLength(150);
    // The member was never dropped: no rebalance and no new join while the registry was frozen.
    expect(warnings.filter((w) => w.startsWith('group rebalancing'))).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('group joined')).length).toBe(joinsBefore);
  });
});
