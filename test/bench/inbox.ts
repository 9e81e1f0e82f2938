/**
 * The PostgreSQL inbox path against the in-memory one, end to end through the real broker and
 * the stack's PostgreSQL (`bash infra/stack up`): events per second from the first
 * `publishBatch` until the consumer handled the last event, for the same `Consumer` settings
 * (`partitionConcurrency` 64, `partitionsConsumedConcurrently` 3) with
 * - the default in-memory idempotency store and a handler that counts;
 * - the same handler run through `PostgresInbox.handler` (each event's id committed in a
 *   batched transaction, default `maxBatch` 100 and 2 connections), and then with one INSERT
 *   of its own per event in that transaction (the handler's effect).
 * The cases run interleaved, a round each in turn; a case's figure against the in-memory one is
 * the median of the per-round ratios. Part of the `e2e` area.
 */
import pg from 'pg';
import { Consumer, Publisher, subscribe } from '../../runtime/index.js';
import { PostgresInbox, ensureTables } from '../../runtime/postgres/index.js';
import {
  BATCH,
  createTopic,
  eventcClient,
  order,
  publishBatches,
  registerEvent,
  unique,
  waitFor,
  type OrderPlaced,
} from './e2e-fixture.js';
import { uniqueSqlName } from '../support/names.js';
import { quantile, type BenchRow, type BenchSuite } from './table.js';

const POSTGRES_URL = process.env.EVENTC_POSTGRES_URL ?? 'postgres://eventc@127.0.0.1:55432/eventc';
const EVENTS = 10_000;
const ROUNDS = 8;
const CONCURRENCY = 64;

type Kind = 'memory' | 'inbox' | 'inboxWrite';

interface Rig {
  round(): Promise<number>;
  close(): Promise<void>;
}

async function rig(kind: Kind, pool: pg.Pool, effects: string): Promise<Rig> {
  const topic = unique(`inbox-${kind}`);
  await createTopic(topic);
  const descriptor = await registerEvent(topic);
  const client = eventcClient(kind);
  const publisher = new Publisher<OrderPlaced>(client, descriptor.versions[0]!);
  const inbox = new PostgresInbox(pool, { consumer: unique(kind) });
  let count = 0;
  const handle =
    kind === 'memory'
      ? async () => void count++
      : kind === 'inbox'
        ? inbox.handler<OrderPlaced>(async () => void count++)
        : inbox.handler<OrderPlaced>(async (v, _ctx, tx) => {
            await tx.query(`INSERT INTO ${effects} (order_id) VALUES ($1)`, [v.orderId]);
            count++;
          });
  const consumer = new Consumer(client, {
    groupId: unique(`inbox-${kind}`),
    partitionConcurrency: CONCURRENCY,
    partitionsConsumedConcurrently: 3,
    subscriptions: [subscribe<OrderPlaced>(descriptor.versions[0]!, handle)],
  });
  await consumer.start();
  await publisher.publish(order(-1));
  await waitFor(() => count >= 1, `${kind} warm-up`);
  let sent = 0;
  return {
    async round() {
      const target = count + EVENTS;
      const start = performance.now();
      await publishBatches(publisher, sent, EVENTS);
      sent += EVENTS;
      await waitFor(() => count >= target, `${kind} consumption`);
      return performance.now() - start;
    },
    close: () => client.close(),
  };
}

async function reachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export const suite: BenchSuite = {
  area: 'e2e',
  needsStack: true,
  async run(): Promise<BenchRow[]> {
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 8 });
    try {
      if (!(await reachable(pool))) {
        return [
          {
            area: 'e2e',
            case: 'PostgreSQL inbox: skipped',
            value: 0,
            unit: '-',
            note: `PostgreSQL ${POSTGRES_URL} not reachable (bash infra/stack up)`,
          },
        ];
      }
      await ensureTables(pool);
      const effects = uniqueSqlName('bench_effects');
      await pool.query(`CREATE TABLE ${effects} (order_id text NOT NULL)`);
      const kinds: Kind[] = ['memory', 'inbox', 'inboxWrite'];
      const rigs = new Map<Kind, Rig>();
      for (const k of kinds) rigs.set(k, await rig(k, pool, effects));
      const ms = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
      try {
        for (const k of kinds) await rigs.get(k)!.round(); // warm-up round
        for (let r = 0; r < ROUNDS; r++) {
          for (let i = 0; i < kinds.length; i++) {
            const k = kinds[(r + i) % kinds.length]!;
            ms.get(k)!.push(await rigs.get(k)!.round());
          }
        }
      } finally {
        for (const r of rigs.values()) await r.close();
        await pool.query(`DROP TABLE IF EXISTS ${effects}`);
      }
      const rate = (k: Kind) => (ROUNDS * EVENTS) / (ms.get(k)!.reduce((a, b) => a + b, 0) / 1000);
      const versus = (k: Kind) => {
        const ratios = ms.get(k)!.map((x, i) => ms.get('memory')![i]! / x);
        return `${Math.round(quantile(ratios, 0.5) * 100)}% of the in-memory store (median of ${ROUNDS} paired rounds); target ≥ 50%`;
      };
      return [
        {
          area: 'e2e',
          case: `eventc Consumer, in-memory store, partitionConcurrency ${CONCURRENCY}, 3 partitions at once`,
          value: Math.round(rate('memory')),
          unit: 'events/s',
          note: `${ROUNDS} rounds of ${EVENTS} events, publishBatch ${BATCH}; the inbox rows' baseline`,
        },
        {
          area: 'e2e',
          case: 'eventc Consumer, PostgreSQL inbox (ids committed in batches)',
          value: Math.round(rate('inbox')),
          unit: 'events/s',
          note: versus('inbox'),
        },
        {
          area: 'e2e',
          case: 'eventc Consumer, PostgreSQL inbox + one INSERT per event',
          value: Math.round(rate('inboxWrite')),
          unit: 'events/s',
          note: versus('inboxWrite'),
        },
      ];
    } finally {
      await pool.end();
    }
  },
};
