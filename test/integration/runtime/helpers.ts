/**
 * Helpers shared by the runtime's integration tests: the stack's addresses, unique names, a
 * test event, topics, and polling with a deadline.
 */
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import {
  EventcClient,
  RegistryClient,
  avroType,
  defineEvent,
  silentLogger,
  type EventDescriptor,
  type EventcClientConfig,
} from 'eventc/runtime';

import { brokers, registryUrl } from '../../support/env.js';
import { uniqueName } from '../../support/names.js';
import { PollTimeoutError, pollUntil } from '../../support/poll.js';

export const BROKERS = brokers;
export const REGISTRY_URL = registryUrl;

export function unique(prefix: string): string {
  return uniqueName(`rt-${prefix}`);
}

export function kafka(): Kafka {
  return new Kafka({ brokers: BROKERS, clientId: unique('test'), logLevel: logLevel.NOTHING });
}

export function client(overrides: Partial<EventcClientConfig> = {}): EventcClient {
  return new EventcClient({
    brokers: BROKERS,
    clientId: unique('client'),
    registry: { url: REGISTRY_URL },
    logger: silentLogger,
    ...overrides,
  });
}

export async function createTopic(topic: string, numPartitions = 1): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** The test event `PingV1 { id: string, n: long, note: string|null }` and a v2 adding `tag` with a default. */
export function pingSchemas(namespace: string): { v1: string; v2: string } {
  const v1 = JSON.stringify({
    type: 'record',
    name: 'Ping',
    namespace,
    fields: [
      { name: 'id', type: 'string' },
      { name: 'n', type: 'long' },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  });
  const v2 = JSON.stringify({
    type: 'record',
    name: 'Ping',
    namespace,
    fields: [
      { name: 'id', type: 'string' },
      { name: 'n', type: 'long' },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'tag', type: 'string', default: 'none' },
    ],
  });
  return { v1, v2 };
}

export interface PingV1 {
  id: string;
  n: number;
  note: string | null;
}

export interface PingV2 extends PingV1 {
  tag: string;
}

/** A descriptor of `Ping` on `topic` (key field `id`), with both versions registered. */
export async function pingEvent(
  topic: string,
  options: { register?: boolean } = {},
): Promise<EventDescriptor> {
  const namespace = `eventc.test.${topic.replace(/[^A-Za-z0-9]/g, '_')}`;
  const { v1, v2 } = pingSchemas(namespace);
  const descriptor: EventDescriptor = defineEvent({
    event: 'Ping',
    topic,
    subject: `${topic}-value`,
    keyField: 'id',
    versions: [
      { event: 'Ping', version: 1, fullName: `${namespace}.Ping`, schema: v1, type: avroType(v1) },
      { event: 'Ping', version: 2, fullName: `${namespace}.Ping`, schema: v2, type: avroType(v2) },
    ],
  });
  if (options.register ?? true) {
    const http = new RegistryClient({ url: REGISTRY_URL });
    for (const v of descriptor.versions) await http.register(descriptor.subject, v.schema);
  }
  return descriptor;
}

/** Polls `check` until it returns true; on timeout the error names `what` and the last state. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; state?: () => unknown } = {},
): Promise<void> {
  try {
    await pollUntil(check, {
      timeoutMs: options.timeoutMs ?? 60_000,
      intervalMs: options.intervalMs ?? 100,
      message: `Timed out waiting for ${what}`,
    });
  } catch (err) {
    if (!(err instanceof PollTimeoutError) || !options.state) throw err;
    throw new PollTimeoutError(
      `Timed out waiting for ${what}; last state: ${JSON.stringify(options.state())}`,
      err.timeoutMs,
      err.attempts,
      err.cause,
    );
  }
}

/** Reads every message of `topic` from the beginning until `count` arrived (raw kafkajs). */
export async function readTopic(
  topic: string,
  count: number,
  timeoutMs = 60_000,
): Promise<KafkaMessage[]> {
  const consumer = kafka().consumer({ groupId: unique('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(message);
      },
    });
    await until(`${count} message(s) on ${topic}`, () => messages.length >= count, {
      timeoutMs,
      state: () => ({ received: messages.length }),
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

export function header(message: KafkaMessage, name: string): string | undefined {
  const v = message.headers?.[name];
  if (v === undefined) return undefined;
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return last === undefined ? undefined : last.toString();
}
