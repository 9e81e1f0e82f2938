/**
 * What the end-to-end benchmark's producers and consumers share, in the main thread and in the
 * consumer threads: broker and registry addresses, the event, its codec and values.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  EventcClient,
  type Publisher,
  RegistryClient,
  avroType,
  defineEvent,
  silentLogger,
  type EventDescriptor,
} from '../../runtime/index.js';

export const BROKERS = (process.env.EVENTC_BROKERS ?? '127.0.0.1:9092').split(',');
export const REGISTRY_URL =
  process.env.EVENTC_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';

export const SCHEMA = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'eventc.bench',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'customerId', type: 'string' },
    { name: 'amountCents', type: 'long' },
    { name: 'currency', type: 'string' },
    {
      name: 'items',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Line',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
          ],
        },
      },
    },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

export interface OrderPlaced {
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  items: { sku: string; qty: number }[];
  note: string | null;
}

export const type = avroType(SCHEMA);
export const order = (i: number): OrderPlaced => ({
  orderId: `order-${i}`,
  customerId: `customer-${i % 97}`,
  amountCents: 1999 + i,
  currency: 'EUR',
  items: [
    { sku: 'SKU-1', qty: 1 },
    { sku: 'SKU-2', qty: 3 },
  ],
  note: i % 3 === 0 ? 'leave at the door' : null,
});

export const unique = (p: string) =>
  `bench-${p}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
export const kafka = () =>
  new Kafka({ brokers: BROKERS, clientId: unique('raw'), logLevel: logLevel.NOTHING });

export async function createTopic(topic: string): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
}

export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The benchmark event on `topic`, version 1 only. */
export function descriptorFor(topic: string): EventDescriptor {
  return defineEvent({
    event: 'OrderPlaced',
    topic,
    subject: `${topic}-value`,
    keyField: 'orderId',
    versions: [
      {
        event: 'OrderPlaced',
        version: 1,
        fullName: 'eventc.bench.OrderPlaced',
        schema: SCHEMA,
        type,
      },
    ],
  });
}

/** Registers the benchmark event's schema for `topic`; its descriptor. */
export async function registerEvent(topic: string): Promise<EventDescriptor> {
  const descriptor = descriptorFor(topic);
  await new RegistryClient({ url: REGISTRY_URL }).register(descriptor.subject, SCHEMA);
  return descriptor;
}

/** An eventc client on the local stack, silent, with a unique client id. */
export function eventcClient(name: string): EventcClient {
  return new EventcClient({
    brokers: BROKERS,
    clientId: unique(name),
    registry: { url: REGISTRY_URL },
    logger: silentLogger,
  });
}

/** Events per `publishBatch` call of the benchmarks. */
export const BATCH = 1_000;

/** `publishBatch` of BATCH events at a time. */
export async function publishBatches(publisher: Publisher<OrderPlaced>, from: number, n: number) {
  for (let i = from; i < from + n; i += BATCH) {
    const values: OrderPlaced[] = [];
    for (let j = i; j < Math.min(from + n, i + BATCH); j++) values.push(order(j));
    await publisher.publishBatch(values);
  }
}
