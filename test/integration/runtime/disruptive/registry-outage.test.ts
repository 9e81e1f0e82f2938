import { afterAll, describe, expect, it } from 'vitest';
import { Consumer, Publisher, subscribe } from 'eventc/runtime';
import {
  REGISTRY_URL,
  client,
  createTopic,
  pingEvent,
  unique,
  until,
  type PingV1,
} from '../helpers.js';
import { disruptiveEnabled, startRegistry, stopRegistry } from './stack-control.js';

async function registryAnswers(): Promise<boolean> {
  try {
    return (await fetch(`${REGISTRY_URL}/subjects`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

describe.skipIf(!disruptiveEnabled)('the registry stopped after start-up', () => {
  afterAll(async () => {
    await startRegistry(); // Whatever happened, the shared stack gets its registry back.
  });

  it('publishing and consuming go on from the schema caches', async () => {
    const topic = unique('reg-outage');
    await createTopic(topic);
    const event = await pingEvent(topic);
    const c = client();
    const v1 = new Publisher<PingV1>(c, event.versions[0]!);
    const v2 = new Publisher<PingV1 & { tag: string }>(c, event.versions[1]!);
    const handled = new Map<string, number>();
    const consumer = new Consumer(c, {
      groupId: unique('reg-outage-group'),
      subscriptions: [
        subscribe<PingV1 & { tag: string }>(
          event.versions[1]!,
          async (v, ctx) => void handled.set(v.id, ctx.writerVersion),
        ),
      ],
    });
    await consumer.start(); // connects the client too: ids resolved, writer schemas known

    await stopRegistry();
    expect(await registryAnswers()).toBe(false);

    await v1.publishBatch(Array.from({ length: 100 }, (_, n) => ({ id: `a-${n}`, n, note: null })));
    await Promise.all(
      Array.from({ length: 100 }, (_, n) => v2.publish({ id: `b-${n}`, n, note: null, tag: 't' })),
    );
    await until('200 events handled without the registry', () => handled.size === 200, {
      state: () => handled.size,
    });
    expect(await registryAnswers()).toBe(false);
    expect(handled.get('a-0')).toBe(1);
    expect(handled.get('b-0')).toBe(2);
    await c.close();
  });
});
