/**
 * Several consumer processes in one group on a 6-partition topic, with a 10 ms handler, while
 * events keep arriving: members join, leave with SIGTERM and die with SIGKILL mid-stream.
 * Every handled event is recorded outside the members (a file, or a PostgreSQL table written
 * in the inbox transaction), and counted against what was published:
 * - in-memory store, graceful joins and leaves: nothing lost, nothing handled twice;
 * - PostgreSQL inbox, SIGKILL included: nothing lost, nothing handled twice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Publisher, type EventDescriptor } from 'eventc/runtime';
import { ensureTables } from 'eventc/runtime/postgres';
import { postgresUrl } from '../../support/env.js';
import { uniqueSqlName } from '../../support/names.js';
import { client, createTopic, pingEvent, unique, until, type PingV1 } from './helpers.js';
import {
  handledLines,
  killAll,
  killMember,
  startMember,
  stopMember,
  tally,
  type Tally,
} from './members.js';

const EVENTS = 6000;
const PARTITIONS = 6;

afterEach(killAll);

/** Publishes `count` events in batches of 250, one batch every 150 ms; resolves with their ids. */
async function publishStream(event: EventDescriptor, prefix: string, count: number) {
  const c = client();
  const publisher = new Publisher<PingV1>(c, event.versions[0]!);
  await c.connect();
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const done = (async () => {
    for (let i = 0; i < count; i += 250) {
      await publisher.publishBatch(
        ids.slice(i, i + 250).map((id, k) => ({ id, n: i + k, note: null })),
      );
      await new Promise((r) => setTimeout(r, 150));
    }
    await c.close();
  })();
  return { ids, done };
}

/** A 6-partition topic, its Ping event, and the environment of in-memory-store members appending to `out`. */
async function memoryGroup(name: string) {
  const topic = unique(name);
  await createTopic(topic, PARTITIONS);
  const event = await pingEvent(topic);
  const out = join(mkdtempSync(join(tmpdir(), 'eventc-group-')), 'handled.txt');
  const env = {
    EVENTC_TEST_TOPIC: topic,
    EVENTC_TEST_GROUP: unique(name),
    EVENTC_TEST_SCHEMA: event.versions[0]!.schema,
    EVENTC_TEST_STORE: 'memory',
    EVENTC_TEST_OUT: out,
  };
  return { event, out, env };
}

describe('a consumer group of several processes', () => {
  it('with the in-memory store: members joining and leaving with SIGTERM lose nothing and handle nothing twice', async () => {
    const { event, out, env } = await memoryGroup('group-mem');
    const count = () => handledLines(out).length;
    const reach = (n: number) =>
      until(`${n} events handled`, () => count() >= n, { timeoutMs: 90_000, state: count });

    const a = await startMember('a', env);
    const stream = await publishStream(event, 'm', EVENTS);
    await reach(800);
    const b = await startMember('b', env);
    await reach(2000);
    const c = await startMember('c', env);
    await reach(3500);
    expect(await stopMember(a)).toBe(0);
    await reach(4500);
    const d = await startMember('d', env);
    await stream.done;
    const all = () => new Set(handledLines(out).map((h) => h.id)).size === EVENTS;
    await until('every event handled', all, { timeoutMs: 120_000, state: count });
    for (const m of [b, c, d]) expect(await stopMember(m)).toBe(0);

    const t: Tally = tally(stream.ids, handledLines(out));
    console.log(`group, in-memory store, joins and SIGTERM: ${JSON.stringify(summary(t))}`);
    expect(t.lost).toEqual([]);
    expect(t.twice).toEqual([]);
    expect(Object.keys(t.byMember).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('with the in-memory store: a member dying with SIGKILL loses nothing; what it handled since its last commit is handled again', async () => {
    const { event, out, env } = await memoryGroup('group-kill');
    const count = () => handledLines(out).length;
    const a = await startMember('a', env);
    const b = await startMember('b', env);
    const stream = await publishStream(event, 'k', EVENTS);
    await until('2000 events handled', () => count() >= 2000, { timeoutMs: 90_000, state: count });
    await killMember(b);
    await stream.done;
    const all = () => new Set(handledLines(out).map((h) => h.id)).size === EVENTS;
    await until('every event handled', all, { timeoutMs: 120_000, state: count });
    expect(await stopMember(a)).toBe(0);

    const t = tally(stream.ids, handledLines(out));
    console.log(`group, in-memory store, SIGKILL: ${JSON.stringify(summary(t))}`);
    expect(t.lost).toEqual([]);
    // Handled twice: only what the killed member handled and had not committed (at most
    // commitIntervalMs, 500 ms here, of its handling), each by the killed member first.
    const byB = new Set(
      handledLines(out)
        .filter((h) => h.member === 'b')
        .map((h) => h.id),
    );
    expect(t.twice.every((id) => byB.has(id))).toBe(true);
    expect(t.twice.length).toBeLessThan(1000);
  });

  describe('with the PostgreSQL inbox', () => {
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 4 });
    const table = uniqueSqlName('handled');
    beforeAll(async () => {
      await ensureTables(pool);
      await pool.query(`CREATE TABLE ${table} (id text NOT NULL, member text NOT NULL)`);
    });
    afterAll(async () => {
      await pool.query(`DROP TABLE IF EXISTS ${table}`);
      await pool.end();
    });

    const rows = async () =>
      (await pool.query<{ id: string; member: string }>(`SELECT id, member FROM ${table}`)).rows;

    it('members joining, leaving with SIGTERM and dying with SIGKILL lose nothing and handle nothing twice', async () => {
      const topic = unique('group-inbox');
      const deliveries = join(mkdtempSync(join(tmpdir(), 'eventc-group-')), 'deliveries.txt');
      await createTopic(topic, PARTITIONS);
      const event = await pingEvent(topic);
      const env = {
        EVENTC_TEST_TOPIC: topic,
        EVENTC_TEST_GROUP: unique('group-inbox'),
        EVENTC_TEST_SCHEMA: event.versions[0]!.schema,
        EVENTC_TEST_STORE: 'inbox',
        EVENTC_TEST_TABLE: table,
        EVENTC_TEST_OUT: deliveries,
      };
      let seen = 0;
      const reach = (n: number) =>
        until(`${n} events handled`, async () => (seen = (await rows()).length) >= n, {
          timeoutMs: 90_000,
          intervalMs: 250,
          state: () => seen,
        });

      const a = await startMember('a', env);
      const b = await startMember('b', env);
      const c = await startMember('c', env);
      const stream = await publishStream(event, 'i', EVENTS);
      await reach(1500);
      await killMember(b);
      await reach(3000);
      expect(await stopMember(a)).toBe(0);
      const d = await startMember('d', env);
      await reach(4500);
      await killMember(c);
      const e = await startMember('e', env);
      await stream.done;
      await until(
        'every event handled',
        async () => new Set((await rows()).map((r) => r.id)).size === EVENTS,
        { timeoutMs: 120_000, intervalMs: 500, state: () => seen },
      );
      for (const m of [d, e]) expect(await stopMember(m)).toBe(0);

      const t = tally(stream.ids, await rows());
      // Deliveries beyond one per event are the replays (after the kills) the inbox skipped.
      const delivered = handledLines(deliveries).length;
      console.log(
        `group, PostgreSQL inbox, joins, SIGTERM and SIGKILL: ${JSON.stringify({ ...summary(t), deliveries: delivered })}`,
      );
      expect(t.lost).toEqual([]);
      expect(t.twice).toEqual([]);
      expect(t.handled).toBe(EVENTS);
      expect(Object.keys(t.byMember).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    });
  });
});

function summary(t: Tally): Record<string, unknown> {
  return { handled: t.handled, lost: t.lost.length, twice: t.twice.length, byMember: t.byMember };
}
