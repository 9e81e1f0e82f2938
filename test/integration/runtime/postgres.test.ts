/**
 * eventc/runtime/postgres on the real broker, registry and PostgreSQL: the inbox commits a
 * handler's writes with its event id (a full replay is skipped; a failing handler of a batch
 * rolls back only its own event), the idempotency store answers across instances, and the
 * outbox publishes exactly what committed, in order, with its ids, through one active relay.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consumer, Publisher, subscribe } from 'eventc/runtime';
import {
  OutboxRelay,
  PostgresIdempotencyStore,
  PostgresInbox,
  PostgresOutbox,
  ensureTables,
} from 'eventc/runtime/postgres';
import { postgresUrl } from '../../support/env.js';
import { uniqueSqlName } from '../../support/names.js';
import {
  client,
  createTopic,
  header,
  pingEvent,
  readTopic,
  unique,
  until,
  type PingV1,
} from './helpers.js';

const pool = new pg.Pool({ connectionString: postgresUrl, max: 8 });

beforeAll(async () => {
  await ensureTables(pool);
});
afterAll(async () => {
  await pool.end();
});

async function table(name: string, columns: string): Promise<string> {
  const t = uniqueSqlName(name);
  await pool.query(`CREATE TABLE ${t} (${columns})`);
  return t;
}

describe('the PostgreSQL inbox', () => {
  it('commits each handler with its event id, and skips a full replay by another group', async () => {
    const topic = unique('inbox-replay');
    await createTopic(topic, 3);
    const event = await pingEvent(topic);
    const effects = await table('effects', 'id text NOT NULL');
    const c = client();
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    await publisher.publishBatch(
      Array.from({ length: 300 }, (_, n) => ({ id: `r-${n}`, n, note: null })),
    );
    const inbox = new PostgresInbox(pool, { consumer: unique('inventory') });
    let deliveries = 0;
    const handler = inbox.handler<PingV1>(async (v, _ctx, tx) => {
      await tx.query(`INSERT INTO ${effects} (id) VALUES ($1)`, [v.id]);
    });
    const run = async () => {
      const consumer = new Consumer(c, {
        // A new group each run starts from the beginning: every event is delivered again.
        groupId: unique('inbox-replay'),
        partitionConcurrency: 8,
        subscriptions: [
          subscribe<PingV1>(event.versions[0]!, (v, ctx) => {
            deliveries++;
            return handler(v, ctx);
          }),
        ],
      });
      await consumer.start();
      return consumer;
    };
    const first = await run();
    const count = async () =>
      Number((await pool.query(`SELECT count(*) AS n FROM ${effects}`)).rows[0].n);
    await until('300 effects', async () => (await count()) === 300);
    await first.stop();

    const second = await run();
    await until('the replay delivered', () => deliveries === 600, { state: () => deliveries });
    await second.stop();
    await c.close();
    expect(await count()).toBe(300);
    const distinct = await pool.query(`SELECT count(DISTINCT id) AS n FROM ${effects}`);
    expect(Number(distinct.rows[0].n)).toBe(300);
  });

  it("rolls back only a failing handler's event: the others of its batch commit, it goes to the dead-letter topic", async () => {
    const topic = unique('inbox-fail');
    await createTopic(topic, 1);
    const event = await pingEvent(topic);
    const effects = await table('effects', 'id text NOT NULL');
    const c = client();
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    const inbox = new PostgresInbox(pool, { consumer: unique('fail'), maxBatch: 50 });
    const calls = new Map<string, number>();
    const consumer = new Consumer(c, {
      groupId: unique('inbox-fail'),
      partitionConcurrency: 20,
      retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
      subscriptions: [
        subscribe<PingV1>(
          event.versions[0]!,
          inbox.handler(async (v, _ctx, tx) => {
            calls.set(v.id, (calls.get(v.id) ?? 0) + 1);
            await tx.query(`INSERT INTO ${effects} (id) VALUES ($1)`, [v.id]);
            if (v.id === 'f-7')
              throw Object.assign(new Error('f-7 cannot be handled'), { retriable: false });
          }),
        ),
      ],
    });
    await consumer.start();
    await publisher.publishBatch(
      Array.from({ length: 40 }, (_, n) => ({ id: `f-${n}`, n, note: null })),
    );
    const dead = await readTopic(`${topic}.dlq`, 1);
    await until(
      '39 effects',
      async () =>
        Number((await pool.query(`SELECT count(*) AS n FROM ${effects}`)).rows[0].n) === 39,
    );
    await consumer.stop();
    await c.close();
    const ids = (await pool.query(`SELECT id FROM ${effects}`)).rows.map((r) => r.id as string);
    expect(ids).not.toContain('f-7');
    expect(new Set(ids).size).toBe(39);
    expect(header(dead[0]!, 'eventc-dlq-reason')).toBe('handler-failed');
    // The failing handler ran once in its batch and once alone, never retried (non-retriable).
    expect(calls.get('f-7')).toBeLessThanOrEqual(2);
  });

  it('as an idempotency store: what one instance recorded, another finds', async () => {
    const consumer = unique('store');
    const one = new PostgresIdempotencyStore(pool, { consumer });
    const two = new PostgresIdempotencyStore(pool, { consumer });
    const other = new PostgresIdempotencyStore(pool, { consumer: unique('store-other') });
    await Promise.all(['a', 'b', 'c'].map((id) => one.add(id)));
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((id) => two.has(id)))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(await other.has('a')).toBe(false);
  });
});

describe('the PostgreSQL outbox', () => {
  it('publishes what committed, in order and with its ids, and nothing of a rollback', async () => {
    const topic = unique('outbox');
    await createTopic(topic, 1);
    const event = await pingEvent(topic);
    const outboxTable = uniqueSqlName('outbox');
    const channel = uniqueSqlName('outbox_ch');
    await ensureTables(pool, { outboxTable });
    const orders = await table('orders', 'id text PRIMARY KEY');
    const c = client();
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    const outbox = new PostgresOutbox({ table: outboxTable, channel });

    const place = async (id: string, n: number, commit: boolean) => {
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        await tx.query(`INSERT INTO ${orders} (id) VALUES ($1)`, [id]);
        const r = await outbox.publish(tx, publisher, { id, n, note: null });
        await tx.query(commit ? 'COMMIT' : 'ROLLBACK');
        return r.eventId;
      } finally {
        tx.release();
      }
    };
    await c.connect();
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) {
      const eventId = await place(`o-${n}`, n, n % 3 !== 2);
      if (n % 3 !== 2) ids.push(eventId);
    }

    // Two relays: one active, the other waiting to take over.
    const relays = [1, 2].map(
      () => new OutboxRelay(c, pool, { table: outboxTable, channel, pollIntervalMs: 200 }),
    );
    for (const r of relays) await r.start();
    const messages = await readTopic(topic, 20);
    await until('the outbox emptied', async () => {
      const n = await pool.query(`SELECT count(*) AS n FROM ${outboxTable}`);
      return Number(n.rows[0].n) === 0;
    });
    expect(relays.filter((r) => r.active)).toHaveLength(1);
    expect(messages.map((m) => header(m, 'eventc-event-id'))).toEqual(ids);

    // The active relay stops; the other takes over and publishes what comes next.
    const active = relays.find((r) => r.active)!;
    const standby = relays.find((r) => r !== active)!;
    await active.stop();
    const later = await place('o-later', 99, true);
    await until('the standby relay to take over', () => standby.active, { timeoutMs: 10_000 });
    const all = await readTopic(topic, 21);
    expect(header(all[20]!, 'eventc-event-id')).toBe(later);
    await standby.stop();
    await c.close();
    await pool.query(`DROP TABLE ${outboxTable}`);
  });
});
