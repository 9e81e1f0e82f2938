/**
 * End-to-end throughput through the real broker (`bash infra/stack up`): events per second
 * from the first publish until the consumer has handled the last event, for
 * - raw kafkajs (the baseline): the value encoded with the same avsc codec, `sendBatch` of 1,000
 *   with the same producer settings (idempotent, acks = all, no compression) and a header set of
 *   the same size, consumed with `eachBatch` and auto-commit, each event decoded and handed to the
 *   same async handler as the eventc consumer's, awaited;
 * - the same raw kafkajs consumer decoding only, calling no handler: the floor, for reference;
 * - eventc: `Publisher.publishBatch` of 1,000 → `Consumer` (validation, headers with a fresh
 *   UUID each, framing, registry-resolved ids; at-least-once commits, idempotency store);
 * - eventc `publish()` called once per event with up to 1,000 calls in flight (the sender
 *   coalesces them into batches);
 * - the produce-and-flush-per-event pattern (raw kafkajs, one awaited `send` per event).
 * Each consumer is warmed up (group joined, one event handled, one unmeasured round) before the
 * clock starts. The rate of a case is its events over its total time across all rounds.
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
const EVENTS = 10_000;
const PER_EVENT = 2_000;
const BATCH = 1_000;
const ROUNDS = 15;

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

/** The q-quantile of `xs` (linear between the nearest ranks). */
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo);
}

function debug(line: string): void {
  if (process.env.EVENTC_BENCH_DEBUG) process.stderr.write(`${line}\n`);
}

/** One measured round: wall time from the first publish to the last event handled, and CPU. */
interface Round {
  ms: number;
  /** CPU time of this process (user + system) over the round, in µs. */
  cpuUs: number;
}

/** A connected producer and consumer pair; `round(n)` measures n events end to end. */
interface Rig {
  round(n: number): Promise<Round>;
  close(): Promise<void>;
}

/** Runs `body` and measures it as a round. */
async function measure(what: string, body: () => Promise<void>): Promise<Round> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await body();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  debug(`${what}: ${ms.toFixed(0)} ms, cpu ${(used.user + used.system).toFixed(0)} µs`);
  return { ms, cpuUs: used.user + used.system };
}

type RawProduce = (p: Producer, topic: string, n: number, from: number) => Promise<void>;

/**
 * What the raw consumer does with each event: decode it and await an async handler, as the
 * eventc consumer does with its subscription's handler (`handler`), or only decode it (`decode`).
 */
type RawConsume = 'handler' | 'decode';

async function rawRig(
  schemaId: number,
  produce: RawProduce,
  consume: RawConsume = 'handler',
): Promise<Rig> {
  const topic = unique('raw');
  await createTopic(topic);
  const k = kafka();
  const producer = k.producer({ idempotent: true });
  const consumer = k.consumer({ groupId: unique('raw-group') });
  await Promise.all([producer.connect(), consumer.connect()]);
  let count = 0;
  const handle = async (_value: OrderPlaced) => void count++; // the eventc rig's handler
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        const value = type.fromBuffer(m.value!.subarray(5)) as OrderPlaced;
        if (consume === 'handler') await handle(value);
        else count++;
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
    round(n) {
      const target = count + n;
      const from = sent;
      sent += n;
      return measure(`raw ${consume}`, async () => {
        await produce(producer, topic, n, from);
        debug(`raw ${consume}: produced, ${target - count} behind`);
        await waitFor(() => count >= target, 'raw consumption');
      });
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
    round(n: number) {
      const target = count + n;
      const from = sent;
      sent += n;
      const mode = rig.mode;
      return measure(`eventc ${mode}`, async () => {
        if (mode === 'batch') {
          for (let i = from; i < from + n; i += BATCH) {
            const values: OrderPlaced[] = [];
            for (let j = i; j < Math.min(from + n, i + BATCH); j++) values.push(order(j));
            await publisher.publishBatch(values);
          }
        } else {
          await publishEach(publisher, from, n);
        }
        debug(`eventc ${mode}: produced, ${target - count} behind`);
        await waitFor(() => count >= target, 'eventc consumption');
      });
    },
    close: () => client.close(),
  };
  return rig;
}

/**
 * `publish()` once per event, as a service does while handling requests: up to BATCH calls in
 * flight at once (the same number of events outstanding as the batched runs), each awaited.
 */
async function publishEach(publisher: Publisher<OrderPlaced>, from: number, n: number) {
  let active = 0;
  let wake: (() => void) | undefined;
  let failure: unknown;
  const done = () => {
    active--;
    wake?.();
    wake = undefined;
  };
  for (let i = from; i < from + n; i++) {
    while (active >= BATCH) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    active++;
    publisher.publish(order(i)).then(done, (err: unknown) => {
      failure ??= err;
      done();
    });
  }
  while (active > 0) await new Promise<void>((resolve) => (wake = resolve));
  if (failure) throw failure;
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
    const raw = await rawRig(schemaId, rawBatched(schemaId), 'handler');
    const floor = await rawRig(schemaId, rawBatched(schemaId), 'decode');
    const ours = await eventcRig();
    const kinds = ['raw', 'floor', 'batch', 'single'] as const;
    type Kind = (typeof kinds)[number];
    const run = (kind: Kind): Promise<Round> => {
      if (kind === 'raw') return raw.round(EVENTS);
      if (kind === 'floor') return floor.round(EVENTS);
      ours.mode = kind;
      return ours.round(EVENTS);
    };
    const rounds: Record<Kind, Round[]> = { raw: [], floor: [], batch: [], single: [] };
    try {
      for (const kind of kinds) await run(kind); // warm-up: JIT, fetch sessions, buffers
      // Short rounds interleaved in a rotating order: the machine and the broker are shared
      // and their speed drifts, so every case samples the same stretches of time.
      for (let r = 0; r < ROUNDS; r++) {
        for (let k = 0; k < kinds.length; k++) {
          const kind = kinds[(r + k) % kinds.length]!;
          rounds[kind].push(await run(kind));
        }
      }
    } finally {
      await Promise.all([raw.close(), floor.close(), ours.close()]);
    }
    const perEventRig = await rawRig(schemaId, rawPerEvent(schemaId));
    let perEvent: Round;
    try {
      perEvent = await perEventRig.round(PER_EVENT);
    } finally {
      await perEventRig.close();
    }
    const total = ROUNDS * EVENTS;
    const rate = (kind: Kind) => total / (rounds[kind].reduce((t, x) => t + x.ms, 0) / 1000);
    const cpu = (kind: Kind) =>
      `${(rounds[kind].reduce((t, x) => t + x.cpuUs, 0) / total).toFixed(1)} µs CPU/event`;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const versus = (kind: Kind, base: Kind) => pct(rate(kind) / rate(base));
    const versusRaw = (kind: Kind): string => {
      const paired = rounds[kind].map((x, i) => rounds.raw[i]!.ms / x.ms);
      const spread = `${pct(quantile(paired, 0.25))}–${pct(quantile(paired, 0.75))}`;
      return `${versus(kind, 'raw')} of raw kafkajs with the handler (paired rounds, middle half: ${spread}), ${versus(kind, 'floor')} of decode-only; ${cpu(kind)}`;
    };
    return [
      {
        area: 'e2e',
        case: `raw kafkajs, sendBatch ${BATCH} → eachBatch, decode + await handler`,
        value: Math.round(rate('raw')),
        unit: 'events/s',
        note: `the baseline: ${ROUNDS} rounds of ${EVENTS} events, interleaved with the other cases; ${cpu('raw')}`,
      },
      {
        area: 'e2e',
        case: `raw kafkajs, sendBatch ${BATCH} → eachBatch, decode only`,
        value: Math.round(rate('floor')),
        unit: 'events/s',
        note: `no handler called (not a usable consumer: the floor); ${cpu('floor')}`,
      },
      {
        area: 'e2e',
        case: `eventc publishBatch ${BATCH} → Consumer`,
        value: Math.round(rate('batch')),
        unit: 'events/s',
        note: `${versusRaw('batch')}; target ≥ 90%`,
      },
      {
        area: 'e2e',
        case: `eventc publish() per event, ${BATCH} in flight → Consumer`,
        value: Math.round(rate('single')),
        unit: 'events/s',
        note: versusRaw('single'),
      },
      {
        area: 'e2e',
        case: 'raw kafkajs, send + await per event',
        value: Math.round(PER_EVENT / (perEvent.ms / 1000)),
        unit: 'events/s',
        note: `${PER_EVENT} events; ${pct(PER_EVENT / (perEvent.ms / 1000) / rate('raw'))} of raw kafkajs batched`,
      },
    ];
  },
};
