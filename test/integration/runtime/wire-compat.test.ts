import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Consumer,
  defineEvent,
  Publisher,
  subscribe,
  type EventContext,
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
  readTopic,
  unique,
  until,
  type PingV1,
} from './helpers.js';

describe('wire compatibility with @kafkajs/confluent-schema-registry', () => {
  let topic: string;
  let event: EventDescriptor;
  let c: EventcClient;
  let producer: Producer;
  const csr = new SchemaRegistry({ host: REGISTRY_URL });

  beforeAll(async () => {
    topic = unique('compat');
    await createTopic(topic);
    event = await pingEvent(topic);
    c = client();
    producer = kafka().producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await c.close();
  });

  it('what eventc publishes, the Confluent client decodes', async () => {
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    const value = { id: 'ours', n: 2 ** 40, note: 'ü and ✓' };
    await publisher.publish(value);
    const [message] = await readTopic(topic, 1);
    expect(await csr.decode(message!.value!)).toEqual(value);
  });

  it('what the Confluent client encodes, eventc consumes (no eventc headers: type from the record name)', async () => {
    const { id } = await csr.register(
      { type: SchemaType.AVRO, schema: event.versions[1]!.schema },
      { subject: event.subject },
    );
    const value = { id: 'theirs', n: 7, note: null, tag: 'confluent' };
    const topic2 = unique('compat-in');
    await createTopic(topic2);
    // The same event on another topic: its own descriptor, with versions of its own.
    const descriptor: EventDescriptor = defineEvent({
      ...event,
      topic: topic2,
      versions: event.versions.map((v) => ({ ...v })),
    });
    await producer.send({
      topic: topic2,
      messages: [{ key: 'theirs', value: await csr.encode(id, value) }],
    });

    let got: { value: unknown; ctx: EventContext } | undefined;
    const consumer = new Consumer(c, {
      groupId: unique('compat-group'),
      subscriptions: [
        subscribe(descriptor.versions[1]!, async (v, ctx) => void (got = { value: v, ctx })),
      ],
    });
    await consumer.start();
    await until('the event encoded by the Confluent client', () => got !== undefined);
    await consumer.stop();
    expect(got!.value).toEqual(value);
    expect(got!.ctx.writerVersion).toBe(2);
    expect(got!.ctx.eventType).toBe('Ping');
    expect(got!.ctx.eventId).toBe(`${topic2}/0/0`);
    expect(got!.ctx.key).toBe('theirs');
  });
});
