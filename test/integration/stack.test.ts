/**
 * The stack and the client libraries together: kafkajs against the broker, and
 * @kafkajs/confluent-schema-registry + avsc against the registry's Confluent API,
 * including the Confluent wire framing and a rejected incompatible version.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokers, registryUrl } from '../support/env.js';
import { uniqueGroup, uniqueName, uniqueSubject, uniqueTopic } from '../support/names.js';
import { pollUntil } from '../support/poll.js';

const kafka = new Kafka({
  brokers,
  clientId: uniqueName('stack-test'),
  logLevel: logLevel.NOTHING,
});

const pingV1 = {
  type: 'record',
  name: 'Ping',
  namespace: 'eventc.stacktest',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'n', type: 'long' },
  ],
};

/** Adds a field without a default: readers of v2 cannot read v1 data (BACKWARD breaks). */
const pingIncompatible = {
  ...pingV1,
  fields: [...pingV1.fields, { name: 'mandatory', type: 'string' }],
};

describe('kafka', () => {
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: uniqueGroup('stack') });

  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
  });

  afterAll(async () => {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  });

  it('creates a topic and delivers 1,000 messages exactly once', async () => {
    const topic = uniqueTopic('stack');
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    const listed = await admin.listTopics();
    expect(listed).toContain(topic);

    const count = 1_000;
    const messages = Array.from({ length: count }, (_, i) => ({
      key: `k${i % 17}`,
      value: String(i),
    }));
    for (let i = 0; i < count; i += 250) {
      await producer.send({ topic, messages: messages.slice(i, i + 250) });
    }

    const seen = new Map<number, number>();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const n = Number(message.value?.toString());
        seen.set(n, (seen.get(n) ?? 0) + 1);
      },
    });
    await pollUntil(() => seen.size >= count, {
      timeoutMs: 60_000,
      message: `expected ${count} distinct messages on ${topic}`,
    });
    await consumer.stop();

    expect(seen.size).toBe(count);
    const duplicates = [...seen].filter(([, times]) => times !== 1);
    expect(duplicates).toEqual([]);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
  });
});

describe('schema registry (Confluent API)', () => {
  const registry = new SchemaRegistry({ host: registryUrl, clientId: 'eventc-stack-test' });

  it('registers under an explicit subject and round-trips a framed record', async () => {
    const subject = uniqueSubject('stack', uniqueTopic('ping'));
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(pingV1) },
      { subject },
    );
    expect(Number.isInteger(id)).toBe(true);

    // The subject is exactly the one passed, not the record's full name.
    const subjects = (await (await fetch(`${registryUrl}/subjects`)).json()) as string[];
    expect(subjects).toContain(subject);
    expect(subjects).not.toContain('eventc.stacktest.Ping');
    expect(await registry.getLatestSchemaId(subject)).toBe(id);

    const record = { id: 'p-1', n: 42 };
    const framed = await registry.encode(id, record);
    expect(framed[0]).toBe(0);
    expect(framed.readUInt32BE(1)).toBe(id);
    // The body after the 5-byte header is plain Avro binary of the record.
    const type = avro.Type.forSchema(pingV1 as avro.Schema);
    expect(type.fromBuffer(framed.subarray(5))).toEqual(record);

    expect(await registry.decode(framed)).toEqual(record);
  });

  it('rejects an incompatible second version with HTTP 409', async () => {
    const subject = uniqueSubject('stack', uniqueTopic('ping'));
    await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(pingV1) }, { subject });

    // The client surfaces the registry's answer as a ResponseError carrying the status.
    const rejection = registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(pingIncompatible) },
      { subject },
    );
    await expect(rejection).rejects.toMatchObject({ name: 'ResponseError', status: 409 });

    // The raw REST answer: 409; Confluent's error_code is 40901, Apicurio's is 409.
    const response = await fetch(
      `${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: JSON.stringify(pingIncompatible) }),
      },
    );
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error_code: number; message: string };
    expect([409, 40901]).toContain(body.error_code);
    expect(body.message).toMatch(/incompatib/i);

    // Only the first version exists.
    const versions = (await (
      await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`)
    ).json()) as number[];
    expect(versions).toEqual([1]);
  });
});
