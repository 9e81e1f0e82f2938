/**
 * Event ids as they arrive from other producers, on the real broker: events with an empty,
 * missing or undecodable (invalid UTF-8) id are each handled, known by their place; the
 * same UUID in upper case is the duplicate it is, skipped and counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Consumer,
  RegistryClient,
  encodeFrame,
  subscribe,
  type EventDescriptor,
  type EventcClient,
} from 'eventc/runtime';
import type { Producer } from 'kafkajs';
import {
  REGISTRY_URL,
  client,
  createTopic,
  kafka,
  pingEvent,
  unique,
  until,
  type PingV1,
} from './helpers.js';

const UUID = '3f2b8c1e-9a4d-4e7f-b2c6-0d1e2f3a4b5c';

describe('event ids from any producer', () => {
  let topic: string;
  let event: EventDescriptor;
  let c: EventcClient;
  let producer: Producer;
  let schemaId: number;

  beforeAll(async () => {
    topic = unique('event-ids');
    await createTopic(topic);
    event = await pingEvent(topic);
    schemaId = await new RegistryClient({ url: REGISTRY_URL }).idOf(
      event.subject,
      event.versions[0]!.schema,
    );
    c = client();
    producer = kafka().producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await c.close();
  });

  it('handles empty, missing and invalid-UTF-8 ids by place, and skips an upper-case UUID duplicate', async () => {
    const ids: (string | Buffer | undefined)[] = [
      '',
      '',
      UUID,
      UUID.toUpperCase(),
      Buffer.from([0xc3, 0x28]),
      Buffer.from([0xff, 0x28]),
      undefined,
      'last',
    ];
    await producer.send({
      topic,
      messages: ids.map((id, i) => {
        const n = i + 1;
        const value = encodeFrame(
          schemaId,
          event.versions[0]!.type.toBuffer({ id: `p-${n}`, n, note: null }),
        );
        const headers: Record<string, string | Buffer> = { 'eventc-event-type': 'Ping' };
        if (id !== undefined) headers['eventc-event-id'] = id;
        return { key: 'one-partition', value, headers };
      }),
    });
    const handled: { n: number; id: string }[] = [];
    const consumer = new Consumer(c, {
      groupId: unique('event-ids-group'),
      subscriptions: [
        subscribe<PingV1>(
          event.versions[0]!,
          async (v, ctx) => void handled.push({ n: v.n, id: ctx.eventId }),
        ),
      ],
    });
    await consumer.start();
    await until('the last event', () => handled.some((h) => h.id === 'last'), {
      state: () => handled,
    });
    await consumer.stop();

    expect(handled).toEqual([
      { n: 1, id: `${topic}/0/0` },
      { n: 2, id: `${topic}/0/1` },
      { n: 3, id: UUID },
      { n: 5, id: `${topic}/0/4` },
      { n: 6, id: `${topic}/0/5` },
      { n: 7, id: `${topic}/0/6` },
      { n: 8, id: 'last' },
    ]);
    // The one event not handled is counted as the duplicate it is.
    expect(c.metrics.expose()).toMatch(
      new RegExp(`eventc_events_duplicate_total\\{[^}]*topic="${topic}"[^}]*\\} 1\\b`),
    );
  });
});
