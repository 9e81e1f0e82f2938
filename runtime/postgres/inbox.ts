/**
 * The transactional inbox: a handler's database writes and the id of the event it handled
 * are committed in one PostgreSQL transaction, so an event is handled exactly once in effect
 * however often Kafka delivers it (a replay after a crash, a rebalance, a redeploy, or two
 * members that both still hold a partition for a moment). A second delivery finds the id in
 * the inbox and is skipped; a delivery racing the first waits on the first's uncommitted row
 * and is skipped once it commits (or handled, if it rolled back).
 *
 * Writes are batched: the events whose handlers are called while a transaction runs share the
 * next one (one INSERT of their ids, one COMMIT), up to `maxBatch`. When a handler of a batch
 * throws, the batch is rolled back and its events run again one transaction each, so only the
 * failing event fails; a handler may therefore run more than once, and must have no effect
 * outside `tx` (publish through the `PostgresOutbox`, with the same `tx`).
 */
import type { IdempotencyStore } from '../consumer/idempotency.js';
import type { EventContext } from '../consumer/context.js';
import { HandlerTimeoutError } from '../consumer/deadlines.js';
import {
  DEFAULT_INBOX_TABLE,
  connect,
  sqlName,
  unavailable,
  withClient,
  type PgPool,
  type PgPoolClient,
  type Queryable,
} from './pg.js';

/** A handler of the inbox: its writes go through `tx`, committed with the event's id. */
export type InboxHandler<T, C extends EventContext = EventContext> = (
  value: T,
  ctx: C,
  tx: Queryable,
) => Promise<void>;

export interface PostgresInboxOptions {
  /** Whose inbox: the consumer group, so that two services handle the same event each once. */
  consumer: string;
  /** Default `eventc_inbox` (see `ensureTables`). */
  table?: string;
  /** Most events in one transaction. Default 100. */
  maxBatch?: number;
  /** Transactions at once, each on its own pooled connection. Default 2. */
  connections?: number;
  /**
   * Longest run of one handler inside a transaction, in ms; then the transaction is rolled
   * back and the event fails retriably. Also the transaction's `statement_timeout`. Keep it
   * under the consumer's `handlerTimeoutMs`. Default 30 000.
   */
  timeoutMs?: number;
}

interface Item {
  id: string;
  run(tx: Queryable): Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

/** How a transaction ended: committed, or rolled back because the handler of `item` failed. */
type Result = { kind: 'ok' } | { kind: 'failed'; item: Item; error: unknown };

export class PostgresInbox {
  readonly consumer: string;
  private readonly table: string;
  private readonly maxBatch: number;
  private readonly connections: number;
  private readonly timeoutMs: number;
  private readonly insertSql: string;
  private queue: Item[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly pool: PgPool,
    options: PostgresInboxOptions,
  ) {
    if (!options.consumer) throw new RangeError('PostgresInbox needs a consumer name');
    this.consumer = options.consumer;
    this.table = sqlName(options.table ?? DEFAULT_INBOX_TABLE, 'inbox table');
    this.maxBatch = positive(options.maxBatch ?? 100, 'maxBatch');
    this.connections = positive(options.connections ?? 2, 'connections');
    this.timeoutMs = positive(options.timeoutMs ?? 30_000, 'timeoutMs');
    this.insertSql = `INSERT INTO ${this.table} (consumer, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING event_id`;
  }

  /**
   * A consumer handler (for `subscribe`) that runs `fn` in the inbox's transaction and skips
   * an event already handled. It resolves once the transaction committed. `ctx` is passed
   * through as the consumer gives it (a generated service's context, with its producers).
   */
  handler<T, C extends EventContext = EventContext>(
    fn: InboxHandler<T, C>,
  ): (value: T, ctx: C) => Promise<void> {
    return (value, ctx) =>
      new Promise<void>((resolve, reject) => {
        this.queue.push({ id: ctx.eventId, run: (tx) => fn(value, ctx, tx), resolve, reject });
        this.schedule();
      });
  }

  /**
   * The same table as an idempotency store, for handlers without a transaction: ids are
   * checked and recorded in batches, but not atomically with the handler's effects.
   */
  store(): IdempotencyStore {
    return new PostgresIdempotencyStore(this.pool, { consumer: this.consumer, table: this.table });
  }

  /** Deletes the ids handled before `before`; returns how many. Replays older than that are no longer recognised. */
  async prune(before: Date): Promise<number> {
    const r = await withClient(this.pool, 'pruning the inbox', (client) =>
      client.query(`DELETE FROM ${this.table} WHERE consumer = $1 AND handled_at < $2`, [
        this.consumer,
        before,
      ]),
    );
    return r.rowCount ?? 0;
  }

  /** Items enqueued in the same turn of the event loop go into one batch. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.running < this.connections && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.running++;
      void this.runBatch(batch).finally(() => {
        this.running--;
        this.dispatch();
      });
    }
  }

  private async runBatch(batch: Item[]): Promise<void> {
    let client: PgPoolClient;
    try {
      client = await connect(this.pool);
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    let result: Result;
    try {
      result = await this.transaction(client, batch);
    } catch (err) {
      // The database failed one of eventc's own statements (or the connection broke): the
      // outcome of a failed COMMIT is unknown, and a retry finds the ids if it did commit.
      client.release(err as Error);
      const error = unavailable(`the inbox transaction of ${batch.length} event(s)`, err);
      for (const item of batch) item.reject(error);
      return;
    }
    client.release();
    if (result.kind === 'ok') {
      for (const item of batch) item.resolve();
    } else if (batch.length === 1) {
      result.item.reject(result.error);
    } else {
      // One handler failed and took the batch down: each event again in a transaction of its own.
      for (const item of batch) await this.runBatch([item]);
    }
  }

  /** One transaction: the batch's new ids, their handlers, COMMIT (or ROLLBACK when a handler fails). */
  private async transaction(client: PgPoolClient, batch: Item[]): Promise<Result> {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${this.timeoutMs}`);
    let open = true;
    try {
      const { rows } = await client.query(this.insertSql, [this.consumer, batch.map((i) => i.id)]);
      const fresh = new Set(rows.map((r) => r.event_id as string));
      const tx: Queryable = {
        query: (text, values) => {
          if (!open) {
            return Promise.reject(
              new Error('the inbox transaction of this handler is over (it timed out or failed)'),
            );
          }
          return client.query(text, values);
        },
      };
      for (const item of batch) {
        // An id seen twice in one batch runs once; an id already in the inbox not at all.
        if (!fresh.delete(item.id)) continue;
        try {
          await this.bounded(item.run(tx));
        } catch (error) {
          open = false;
          await client.query('ROLLBACK');
          return { kind: 'failed', item, error };
        }
      }
      open = false;
      await client.query('COMMIT');
      return { kind: 'ok' };
    } finally {
      open = false;
    }
  }

  private bounded(run: Promise<void>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new HandlerTimeoutError(`the handler ran past the inbox's ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([run, late]).finally(() => clearTimeout(timer));
  }
}

export interface PostgresIdempotencyStoreOptions {
  consumer: string;
  table?: string;
}

/**
 * An idempotency store in the inbox table, shared by every replica of a consumer: ids asked
 * about (or recorded) in the same turn of the event loop go to the database in one query.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private readonly consumer: string;
  private readonly table: string;
  private asks = new Map<string, ((seen: boolean) => void)[]>();
  private askFailures: ((err: unknown) => void)[] = [];
  private adds: { id: string; resolve(): void; reject(err: unknown): void }[] = [];
  private scheduled = false;

  constructor(
    private readonly pool: PgPool,
    options: PostgresIdempotencyStoreOptions,
  ) {
    if (!options.consumer) throw new RangeError('PostgresIdempotencyStore needs a consumer name');
    this.consumer = options.consumer;
    this.table = sqlName(options.table ?? DEFAULT_INBOX_TABLE, 'inbox table');
  }

  has(eventId: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const waiting = this.asks.get(eventId);
      if (waiting) waiting.push(resolve);
      else this.asks.set(eventId, [resolve]);
      this.askFailures.push(reject);
      this.schedule();
    });
  }

  add(eventId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.adds.push({ id: eventId, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const asks = this.asks;
    const askFailures = this.askFailures;
    const adds = this.adds;
    this.asks = new Map();
    this.askFailures = [];
    this.adds = [];
    const client = await connect(this.pool).catch((err: unknown) => err as Error);
    if (client instanceof Error) {
      for (const reject of askFailures) reject(client);
      for (const a of adds) a.reject(client);
      return;
    }
    try {
      if (adds.length > 0) {
        await client.query(
          `INSERT INTO ${this.table} (consumer, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
          [this.consumer, adds.map((a) => a.id)],
        );
        for (const a of adds) a.resolve();
      }
      if (asks.size > 0) {
        const { rows } = await client.query(
          `SELECT event_id FROM ${this.table} WHERE consumer = $1 AND event_id = ANY($2::text[])`,
          [this.consumer, [...asks.keys()]],
        );
        const seen = new Set(rows.map((r) => r.event_id as string));
        for (const [id, resolvers] of asks) for (const resolve of resolvers) resolve(seen.has(id));
      }
      client.release();
    } catch (err) {
      client.release(err as Error);
      const error = unavailable('the idempotency store', err);
      for (const reject of askFailures) reject(error);
      for (const a of adds) a.reject(error);
    }
  }
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${name} must be an integer ≥ 1, not ${n}`);
  return n;
}
