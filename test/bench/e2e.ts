/**
 * End-to-end throughput through the real broker (`bash infra/stack up`): events per second
 * from the first publish until the consumer has handled the last event, for
 * - raw kafkajs (the baseline): the value encoded with the same avsc codec, `sendBatch` of 1,000
 *   with the same producer settings (idempotent, acks = all, no compression) and a header set of
 *   the same size, consumed with `eachBatch` and auto-commit, each event decoded and handed to the
 *   same async handler as the eventc consumer's, awaited;
 * - eventc: `Publisher.publishBatch` of 1,000 → `Consumer` (validation, headers with a fresh
 *   UUID each, framing, registry-resolved ids; at-least-once commits, idempotency store);
 * - eventc `publish()` called once per event with up to 1,000 calls in flight (the sender
 *   coalesces them into batches);
 * - raw kafkajs and eventc `publishBatch` again, with the consumer in a thread of its own
 *   (`e2e-consumer.ts`), as a producing and a consuming service run apart;
 * - the produce-and-flush-per-event pattern (raw kafkajs, one awaited `send` per event).
 * Each consumer is warmed up (group joined, one event handled, one unmeasured round) before the
 * clock starts. The cases run in blocks of one round each, in a rotating order; a case's figure
 * against its baseline is the median of the per-block ratios, as the shared machine slows some
 * rounds a lot and most not at all. The rate of a case is its events over its total time.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Consumer, Publisher, encodeFrame, subscribe } from '../../runtime/index.js';
import type { ConsumerThreadData, FromConsumerThread, ToConsumerThread } from './e2e-consumer.js';
import {
  BATCH,
  BROKERS,
  REGISTRY_URL,
  createTopic,
  eventcClient,
  kafka,
  order,
  publishBatches,
  registerEvent,
  type,
  unique,
  waitFor,
  type OrderPlaced,
} from './e2e-fixture.js';
import { quantile, type BenchRow, type BenchSuite } from './table.js';

const EVENTS = 10_000;
const PER_EVENT = 2_000;
const ROUNDS = 30;

/** Headers of the same names and sizes as eventc's, built once (cheaper than eventc's per-event ones). */
const RAW_HEADERS = {
  'eventc-event-id': randomUUID(),
  'eventc-event-type': 'OrderPlaced',
  'eventc-event-version': '1',
  'eventc-event-time': new Date().toISOString(),
  'eventc-correlation-id': randomUUID(),
};

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

/** Raw kafkajs: the consumer decodes each event and awaits an async handler, as eventc's does. */
async function rawRig(schemaId: number, produce: RawProduce): Promise<Rig> {
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
      for (const m of batch.messages) await handle(type.fromBuffer(m.value!.subarray(5)));
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
      return measure('raw', async () => {
        await produce(producer, topic, n, from);
        debug(`raw: produced, ${target - count} behind`);
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
  const descriptor = await registerEvent(topic);
  const client = eventcClient('eventc');
  const publisher = new Publisher<OrderPlaced>(client, descriptor.versions[0]!);
  let count = 0;
  const consumer = new Consumer(client, {
    groupId: unique('eventc-group'),
    subscriptions: [subscribe<OrderPlaced>(descriptor.versions[0]!, async () => void count++)],
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
          await publishBatches(publisher, from, n);
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
 * A producer in this thread and the consumer in a thread of its own (`e2e-consumer.ts`), as a
 * producing and a consuming service run: raw kafkajs on both sides, or eventc on both sides.
 */
async function threadRig(kind: 'raw' | 'eventc', schemaId: number): Promise<Rig> {
  const topic = unique(`${kind}-threads`);
  await createTopic(topic);
  let produce: (from: number, n: number) => Promise<void>;
  let closeProducer: () => Promise<void>;
  if (kind === 'raw') {
    const producer = kafka().producer({ idempotent: true });
    await producer.connect();
    const send = rawBatched(schemaId);
    produce = (from, n) => send(producer, topic, n, from);
    closeProducer = () => producer.disconnect();
  } else {
    const descriptor = await registerEvent(topic);
    const client = eventcClient('eventc-threads');
    const publisher = new Publisher<OrderPlaced>(client, descriptor.versions[0]!);
    await client.connect();
    produce = (from, n) => publishBatches(publisher, from, n);
    closeProducer = () => client.close();
  }
  const workerData: ConsumerThreadData = { kind, topic };
  const worker = new Worker(new URL('./e2e-consumer.js', import.meta.url), { workerData });
  const next = async (): Promise<FromConsumerThread> =>
    ((await once(worker, 'message')) as [FromConsumerThread])[0];
  const tell = (message: ToConsumerThread) => worker.postMessage(message);
  await next(); // started
  let sent = 0;
  /** Produces events `from`… and resolves once the consumer thread handled `handled` in all. */
  const deliver = async (from: number, n: number, handled: number): Promise<void> => {
    const reached = next();
    tell({ until: handled });
    await produce(from, n);
    debug(`${kind} threads: produced`);
    await reached;
  };
  await deliver(-1, 1, 1); // warm-up: group joined, one event handled
  return {
    round(n) {
      const from = sent;
      sent += n;
      return measure(`${kind} threads`, () => deliver(from, n, 1 + sent));
    },
    async close() {
      const stopped = next();
      tell({ stop: true });
      await stopped;
      await worker.terminate();
      await closeProducer();
    },
  };
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
    const raw = await rawRig(schemaId, rawBatched(schemaId));
    const ours = await eventcRig();
    const rawThreads = await threadRig('raw', schemaId);
    const eventcThreads = await threadRig('eventc', schemaId);
    const kinds = ['raw', 'batch', 'single', 'rawThreads', 'eventcThreads'] as const;
    type Kind = (typeof kinds)[number];
    const run = (kind: Kind): Promise<Round> => {
      if (kind === 'raw') return raw.round(EVENTS);
      if (kind === 'rawThreads') return rawThreads.round(EVENTS);
      if (kind === 'eventcThreads') return eventcThreads.round(EVENTS);
      ours.mode = kind;
      return ours.round(EVENTS);
    };
    const rounds = Object.fromEntries(kinds.map((k) => [k, [] as Round[]])) as Record<
      Kind,
      Round[]
    >;
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
      for (const rig of [raw, ours, rawThreads, eventcThreads]) await rig.close();
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
    // Each round of a case is paired with the baseline's round of the same block (run within a
    // few seconds of it): the median of those ratios is the figure, the middle half its spread,
    // and the rate over all rounds is given too (a few rounds slowed by the machine sway it).
    const versusBase = (kind: Kind, base: Kind, what: string): string => {
      const paired = rounds[kind].map((x, i) => rounds[base][i]!.ms / x.ms);
      const spread = `${pct(quantile(paired, 0.25))}–${pct(quantile(paired, 0.75))}`;
      return `${pct(quantile(paired, 0.5))} of ${what} (median of ${ROUNDS} paired rounds, middle half ${spread}; over all rounds ${pct(rate(kind) / rate(base))})`;
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
        case: `eventc publishBatch ${BATCH} → Consumer`,
        value: Math.round(rate('batch')),
        unit: 'events/s',
        note: `${versusBase('batch', 'raw', 'raw kafkajs')}; ${cpu('batch')}; target ≥ 90%`,
      },
      {
        area: 'e2e',
        case: `eventc publish() per event, ${BATCH} in flight → Consumer`,
        value: Math.round(rate('single')),
        unit: 'events/s',
        note: `${versusBase('single', 'raw', 'raw kafkajs')}; ${cpu('single')}`,
      },
      {
        area: 'e2e',
        case: `raw kafkajs, sendBatch ${BATCH} → eachBatch in another thread, + handler`,
        value: Math.round(rate('rawThreads')),
        unit: 'events/s',
        note: `producer and consumer as two services: each in its own thread; ${cpu('rawThreads')} (both threads)`,
      },
      {
        area: 'e2e',
        case: `eventc publishBatch ${BATCH} → Consumer in another thread`,
        value: Math.round(rate('eventcThreads')),
        unit: 'events/s',
        note: `${versusBase('eventcThreads', 'rawThreads', 'raw kafkajs in threads')}; ${cpu('eventcThreads')} (both threads); target ≥ 90%`,
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
