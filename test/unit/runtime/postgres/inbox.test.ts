/**
 * The inbox's transactions, on an in-process fake of a pg pool that records every statement
 * and keeps the inbox's ids (committed only at COMMIT): handlers called together share one
 * transaction, an id already recorded skips its handler, a failing handler rolls its batch
 * back and the batch runs again one event per transaction, a broken database fails every
 * event of the batch retriably, and a handler past the timeout is rolled back.
 */
import { describe, expect, it } from 'vitest';
import type { EventContext } from '../../../../runtime/index.js';
import { DatabaseUnavailableError, PostgresInbox } from '../../../../runtime/postgres/index.js';
import type { PgPool, PgPoolClient, QueryResult } from '../../../../runtime/postgres/index.js';

class FakeDatabase implements PgPool {
  readonly committed = new Set<string>();
  readonly log: string[] = [];
  failOn?: RegExp;
  connections = 0;

  connect(): Promise<PgPoolClient> {
    this.connections++;
    let pending = new Set<string>();
    const client: PgPoolClient = {
      query: async (text: string, values?: unknown[]): Promise<QueryResult> => {
        const statement = text.split(' ')[0]!.replace(';', '');
        this.log.push(
          statement === 'INSERT' ? `INSERT ${(values?.[1] as string[]).join(',')}` : statement,
        );
        if (this.failOn?.test(text)) throw new Error('connection terminated');
        if (text.startsWith('BEGIN')) pending = new Set();
        if (text.startsWith('INSERT INTO eventc_inbox')) {
          const fresh = [...new Set(values![1] as string[])].filter(
            (id) => !this.committed.has(id) && !pending.has(id),
          );
          for (const id of fresh) pending.add(id);
          return { rows: fresh.map((event_id) => ({ event_id })), rowCount: fresh.length };
        }
        if (text === 'COMMIT') for (const id of pending) this.committed.add(id);
        return { rows: [], rowCount: 0 };
      },
      release: () => undefined,
      on: () => client,
      removeAllListeners: () => client,
    };
    return Promise.resolve(client);
  }
}

const ctx = (eventId: string) => ({ eventId }) as EventContext;

describe('PostgresInbox', () => {
  it('runs the handlers called together in one transaction, and skips ids already recorded', async () => {
    const db = new FakeDatabase();
    const inbox = new PostgresInbox(db, { consumer: 'c', connections: 1 });
    const ran: string[] = [];
    const handle = inbox.handler<string>(async (v, _ctx, tx) => {
      ran.push(v);
      await tx.query('UPDATE stock');
    });
    await Promise.all([handle('a', ctx('1')), handle('b', ctx('2')), handle('c', ctx('3'))]);
    expect(db.log).toEqual(['BEGIN', 'INSERT 1,2,3', 'UPDATE', 'UPDATE', 'UPDATE', 'COMMIT']);
    expect(ran).toEqual(['a', 'b', 'c']);

    db.log.length = 0;
    await Promise.all([handle('b again', ctx('2')), handle('d', ctx('4'))]);
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    expect([...db.committed].sort()).toEqual(['1', '2', '3', '4']);
  });

  it('rolls a batch back when one handler fails, then runs each event alone: only that one fails', async () => {
    const db = new FakeDatabase();
    const inbox = new PostgresInbox(db, { consumer: 'c', connections: 1 });
    const handle = inbox.handler<string>(async (v) => {
      if (v === 'bad') throw new Error('bad event');
    });
    const results = await Promise.allSettled([
      handle('ok1', ctx('1')),
      handle('bad', ctx('2')),
      handle('ok2', ctx('3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad event'));
    expect(db.log).toEqual([
      ...['BEGIN', 'INSERT 1,2,3', 'ROLLBACK'],
      ...['BEGIN', 'INSERT 1', 'COMMIT'],
      ...['BEGIN', 'INSERT 2', 'ROLLBACK'],
      ...['BEGIN', 'INSERT 3', 'COMMIT'],
    ]);
    expect([...db.committed].sort()).toEqual(['1', '3']);
  });

  it('fails every event of the batch retriably when the database breaks, committing nothing', async () => {
    const db = new FakeDatabase();
    db.failOn = /^COMMIT/;
    const inbox = new PostgresInbox(db, { consumer: 'c' });
    const handle = inbox.handler<string>(async () => undefined);
    const results = await Promise.allSettled([handle('a', ctx('1')), handle('b', ctx('2'))]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason as DatabaseUnavailableError;
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect(err.retriable).toBe(true);
    }
    expect(db.committed.size).toBe(0);
  });

  it('rolls back a handler past its timeout, and its later queries fail instead of running outside the transaction', async () => {
    const db = new FakeDatabase();
    const inbox = new PostgresInbox(db, { consumer: 'c', timeoutMs: 50 });
    let late: Promise<unknown> | undefined;
    const handle = inbox.handler<string>(async (_v, _ctx, tx) => {
      await new Promise((r) => setTimeout(r, 120));
      late = tx.query('UPDATE stock');
      await late.catch(() => undefined);
    });
    const err = await handle('slow', ctx('1')).catch((e: unknown) => e);
    expect((err as Error).name).toBe('HandlerTimeoutError');
    await new Promise((r) => setTimeout(r, 150));
    await expect(late).rejects.toThrow('the inbox transaction of this handler is over');
    expect(db.log).toEqual(['BEGIN', 'INSERT 1', 'ROLLBACK']);
    expect(db.committed.size).toBe(0);
  });
});
