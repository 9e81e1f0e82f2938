import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Consumer,
  DLQ_HEADER,
  Publisher,
  RegistryClient,
  encodeFrame,
  subscribe,
  type EventDescriptor,
  type EventcClient,
} from 'eventc/runtime';
import type { KafkaMessage, Producer } from 'kafkajs';
import {
  REGISTRY_URL,
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

describe('poison messages go to the dead-letter topic at once, and the consumer goes on', () => {
  let topic: string;
  let event: EventDescriptor;
  let c: EventcClient;
  let producer: Producer;
  let v1Id: number;
  let rogueId: number;

  beforeAll(async () => {
    topic = unique('poison');
    await createTopic(topic);
    event = await pingEvent(topic);
    const http = new RegistryClient({ url: REGISTRY_URL });
    v1Id = await http.idOf(event.subject, event.versions[0]!.schema);
    // Same record name, but `n` is a string: no reader version of Ping can resolve it.
    const rogue = JSON.stringify({
      type: 'record',
      name: 'Ping',
      namespace: event.versions[0]!.fullName.replace(/\.Ping$/, ''),
      fields: [{ name: 'n', type: 'string' }],
    });
    rogueId = await http.register(`${topic}-rogue-value`, rogue);
    c = client();
    producer = kafka().producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await c.close();
  });

  const ping = (n: number) => event.versions[0]!.type.toBuffer({ id: `p-${n}`, n, note: null });
  const typed = { 'eventc-event-type': 'Ping' };

  it('parks each kind with its reason and the original bytes, then handles the next good event', async () => {
    const cases: { reason: string; value: Buffer | null; headers?: Record<string, string> }[] = [
      { reason: 'no-magic-byte', value: Buffer.from('{"id":"json"}'), headers: typed },
      { reason: 'too-short', value: Buffer.from([0, 0, 1]), headers: typed },
      { reason: 'empty-value', value: null, headers: typed },
      { reason: 'unknown-schema-id', value: encodeFrame(2_000_000_000, ping(1)), headers: typed },
      {
        reason: 'undecodable',
        value: encodeFrame(v1Id, Buffer.from([0x40, 0x61])),
        headers: typed,
      },
      {
        reason: 'unresolvable-writer',
        value: encodeFrame(rogueId, Buffer.from([0x02, 0x61])),
        headers: typed,
      },
      {
        reason: 'unhandled-event-type',
        value: encodeFrame(v1Id, ping(2)),
        headers: { 'eventc-event-type': 'Pong' },
      },
    ];
    await producer.send({
      topic,
      messages: cases.map((k, i) => ({
        key: `k${i}`,
        value: k.value,
        headers: { ...k.headers, 'x-case': k.reason },
      })),
    });
    const good = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    await good.publish({ id: 'good', n: 99, note: null });

    const handled: string[] = [];
    const consumer = new Consumer(c, {
      groupId: unique('poison-group'),
      retry: { attempts: 5, initialDelayMs: 1000 },
      subscriptions: [subscribe<PingV1>(event.versions[0]!, async (v) => void handled.push(v.id))],
    });
    await consumer.start();
    const dlq = await readTopic(`${topic}.dlq`, cases.length);
    await until('the good event after the poison ones', () => handled.includes('good'), {
      state: () => handled,
    });
    await consumer.stop();

    expect(handled).toEqual(['good']);
    const byCase = new Map<string, KafkaMessage>(dlq.map((m) => [header(m, 'x-case')!, m]));
    cases.forEach((k, i) => {
      const m = byCase.get(k.reason);
      expect(m, k.reason).toBeDefined();
      expect(header(m!, DLQ_HEADER.reason)).toBe(k.reason);
      expect(header(m!, DLQ_HEADER.attempts)).toBe('0');
      expect(header(m!, DLQ_HEADER.sourceTopic)).toBe(topic);
      expect(header(m!, DLQ_HEADER.sourceOffset)).toBe(String(i));
      expect(header(m!, DLQ_HEADER.error)?.length).toBeGreaterThan(10);
      expect(m!.key?.toString()).toBe(`k${i}`);
      if (k.value === null) expect(m!.value === null || m!.value.length === 0).toBe(true);
      else expect(Buffer.compare(m!.value!, k.value)).toBe(0);
    });
    expect(header(byCase.get('unknown-schema-id')!, DLQ_HEADER.error)).toContain('2000000000');
    expect(header(byCase.get('unhandled-event-type')!, DLQ_HEADER.error)).toContain("'Pong'");
    expect(header(byCase.get('no-magic-byte')!, DLQ_HEADER.error)).toContain('magic byte');
  });
});
