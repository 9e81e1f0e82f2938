/**
 * End-to-end throughput through the real broker (`bash infra/stack up`): events per second
 * from the first publish until the consumer has handled the last event, for
 * - raw kafkajs: the value encoded with the same avsc codec, `sendBatch` of 1,000 with the same
 *   producer settings (idempotent, acks = all, no compression) and a header set of the same
 *   size, consumed with `eachBatch` + decode and auto-commit;
 * - eventc: `Publisher.publishBatch` of 1,000 → `Consumer` (validation, headers with a fresh
 *   UUID each, framing, registry-resolved ids; at-least-once commits, idempotency store);
 * - eventc `publish()` called once per event, all at once (the sender coalesces them);
 * - the produce-and-flush-per-event pattern (raw kafkajs, one awaited `send` per event).
 * Each consumer is warmed up (group joined, one event handled) before the clock starts.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  Consumer,
  EventcClient,
  Publisher,
  RegistryHttpClient,
  avroType,
  encodeFrame,
  silentLogger,
  subscribe,
  type EventDescriptor,
} from '../../runtime/index.js';
import type { BenchRow, BenchSuite } from './table.js';

const BROKERS = (process.env.EVENTC_BROKERS ?? '127.0.0.1:9092').split(',');
const REGISTRY_URL = process.env.EVENTC_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
const EVENTS = 20_000;
const PER_EVENT = 2_000;
const BATCH = 1_000;
const ROUNDS = 5;

const SCHEMA = JSON.stringify({
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

interface OrderPlaced {
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  items: { sku: string; qty: number }[];
  note: string | null;
}

const type = avroType(SCHEMA);
const order = (i: number): OrderPlaced => ({
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

const unique = (p: string) => `bench-${p}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
const kafka = () =>
  new Kafka({ brokers: BROKERS, clientId: unique('raw'), logLevel: logLevel.NOTHING });

async function createTopic(topic: string): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Headers of the same names and sizes as eventc's, built once (cheaper than eventc's per-event ones). */
const RAW_HEADERS = {
  'eventc-event-id': randomUUID(),
  'eventc-event-type': 'OrderPlaced',
  'eventc-event-version': '1',
  'eventc-event-time': new Date().toISOString(),
  'eventc-correlation-id': randomUUID(),
};

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function debug(line: string): void {
  if (process.env.EVENTC_BENCH_DEBUG) process.stderr.write(`${line}\n`);
}

/** A connected producer and consumer pair; `round(n)` measures n events end to end. */
interface Rig {
  round(n: number): Promise<number>;
  close(): Promise<void>;
}

type RawProduce = (p: Producer, topic: string, n: number, from: number) => Promise<void>;

async function rawRig(schemaId: number, produce: RawProduce): Promise<Rig> {
  const topic = unique('raw');
  await createTopic(topic);
  const k = kafka();
  const producer = k.producer({ idempotent: true });
  const consumer = k.consumer({ groupId: unique('raw-group') });
  await Promise.all([producer.connect(), consumer.connect()]);
  let count = 0;
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        type.fromBuffer(m.value!.subarray(5));
        count++;
      }
    },
  });
  await producer.send({
    topic,
    acks: -1,
    messages: [{ value: encodeFrame(schemaId, type.toBuffer(order(-1))) }],
  });
  await waitFor(() => count === 1, 'raw warm-up');
  let sent = 0;
  return {
    async round(n) {
      const target = count + n;
      const start = performance.now();
      await produce(producer, topic, n, sent);
      sent += n;
      debug(
        `raw: produced in ${(performance.now() - start).toFixed(0)} ms, ${target - count} behind`,
      );
      await waitFor(() => count >= target, 'raw consumption');
      return n / ((performance.now() - start) / 1000);
    },
    close: async () => void (await Promise.all([producer.disconnect(), consumer.disconnect()])),
  };
}

const rawBatched =
  (schemaId: number): RawProduce =>
  async (producer, topic, n, from) => {
    for (let i = from; i < from + n; i += BATCH) {
      const messages = [];
      for (let j = i; j < Math.min(from + n, i + BATCH); j++) {
        const o = order(j);
        messages.push({
          key: o.orderId,
          value: encodeFrame(schemaId, type.toBuffer(o)),
          headers: RAW_HEADERS,
        });
      }
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
    }
  };

const rawPerEvent =
  (schemaId: number): RawProduce =>
  async (producer, topic, n, from) => {
    for (let i = from; i < from + n; i++) {
      const o = order(i);
      await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: o.orderId, value: encodeFrame(schemaId, type.toBuffer(o)), headers: RAW_HEADERS },
        ],
      });
    }
  };

async function eventcRig(): Promise<Rig & { mode: 'batch' | 'single' }> {
  const topic = unique('eventc');
  await createTopic(topic);
  const descriptor: EventDescriptor = {
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
  };
  await new RegistryHttpClient({ url: REGISTRY_URL }).register(descriptor.subject, SCHEMA);
  const client = new EventcClient({
    brokers: BROKERS,
    clientId: unique('eventc'),
    registry: { url: REGISTRY_URL },
    logger: silentLogger,
  });
  const publisher = new Publisher<OrderPlaced>(client, descriptor, 1);
  let count = 0;
  const consumer = new Consumer(client, {
    groupId: unique('eventc-group'),
    subscriptions: [subscribe<OrderPlaced>(descriptor, 1, async () => void count++)],
  });
  await consumer.start();
  await publisher.publish(order(-1));
  await waitFor(() => count === 1, 'eventc warm-up');
  let sent = 0;
  const rig = {
    mode: 'batch' as 'batch' | 'single',
    async round(n: number) {
      const target = count + n;
      const start = performance.now();
      if (rig.mode === 'batch') {
        for (let i = sent; i < sent + n; i += BATCH) {
          const values: OrderPlaced[] = [];
          for (let j = i; j < Math.min(sent + n, i + BATCH); j++) values.push(order(j));
          await publisher.publishBatch(values);
        }
      } else {
        const all: Promise<unknown>[] = [];
        for (let i = sent; i < sent + n; i++) all.push(publisher.publish(order(i)));
        await Promise.all(all);
      }
      sent += n;
      debug(
        `eventc ${rig.mode}: produced in ${(performance.now() - start).toFixed(0)} ms, ${target - count} behind`,
      );
      await waitFor(() => count >= target, 'eventc consumption');
      return n / ((performance.now() - start) / 1000);
    },
    close: () => client.close(),
  };
  return rig;
}

async function reachable(): Promise<boolean> {
  const admin = new Kafka({
    brokers: BROKERS,
    clientId: 'bench-probe',
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    const res = await fetch(`${REGISTRY_URL}/subjects`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export const suite: BenchSuite = {
  area: 'e2e',
  needsStack: true,
  async run(): Promise<BenchRow[]> {
    if (!(await reachable())) {
      return [
        {
          area: 'e2e',
          case: 'skipped',
          value: 0,
          unit: '-',
          note: `broker ${BROKERS.join(',')} or registry not reachable (bash infra/stack up)`,
        },
      ];
    }
    const schemaId = 1; // Raw runs frame with a fixed id: nothing on their side reads it.
    const raw = await rawRig(schemaId, rawBatched(schemaId));
    const ours = await eventcRig();
    const rates = { raw: [] as number[], batch: [] as number[], single: [] as number[] };
    try {
      // Interleaved rounds compared pairwise: the machine and the broker are shared, so a
      // round is only compared with the raw round run just before it; the median of those
      // ratios is the figure.
      for (let r = 0; r < ROUNDS; r++) {
        rates.raw.push(await raw.round(EVENTS));
        ours.mode = 'batch';
        rates.batch.push(await ours.round(EVENTS));
        ours.mode = 'single';
        rates.single.push(await ours.round(EVENTS));
      }
    } finally {
      await Promise.all([raw.close(), ours.close()]);
    }
    const perEventRig = await rawRig(schemaId, rawPerEvent(schemaId));
    let perEvent: number;
    try {
      perEvent = await perEventRig.round(PER_EVENT);
    } finally {
      await perEventRig.close();
    }
    const rawRate = median(rates.raw);
    const ratio = (xs: number[]) => median(xs.map((x, i) => x / rates.raw[i]!));
    const pct = (r: number) => `${Math.round(r * 100)}% of raw kafkajs`;
    const batch = median(rates.batch);
    const single = median(rates.single);
    return [
      {
        area: 'e2e',
        case: `raw kafkajs, sendBatch ${BATCH} → eachBatch`,
        value: Math.round(rawRate),
        unit: 'events/s',
        note: `median of ${ROUNDS} rounds of ${EVENTS} events, interleaved with the eventc rounds`,
      },
      {
        area: 'e2e',
        case: `eventc publishBatch ${BATCH} → Consumer`,
        value: Math.round(batch),
        unit: 'events/s',
        note: `${pct(ratio(rates.batch))}, median of paired rounds (target ≥ 90%)`,
      },
      {
        area: 'e2e',
        case: 'eventc publish() per event, coalesced → Consumer',
        value: Math.round(single),
        unit: 'events/s',
        note: `${pct(ratio(rates.single))}, median of paired rounds`,
      },
      {
        area: 'e2e',
        case: 'raw kafkajs, send + await per event',
        value: Math.round(perEvent),
        unit: 'events/s',
        note: `${PER_EVENT} events; ${pct(perEvent / rawRate)}`,
      },
    ];
  },
};
