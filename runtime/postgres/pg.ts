/**
 * What the PostgreSQL inbox and outbox need of a database connection, as the `pg` package
 * (node-postgres) provides it: a pool handing out clients that run queries. The shapes are
 * structural, so `pg` stays an optional peer dependency of eventc (a `pg.Pool` fits them),
 * and the tables are created by `ensureTables`.
 */
import { EventcRuntimeError } from '../errors.js';

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/** Runs SQL with `$1`-style parameters: a `pg.Client`, a `pg.PoolClient`, a handler's transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<QueryResult>;
}

/** A client checked out of a pool. `release(err)` with an error closes the connection. */
export interface PgPoolClient extends Queryable {
  release(err?: Error | boolean): void;
  on(event: 'notification', listener: (message: { channel: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

/** A connection pool: a `pg.Pool`. */
export interface PgPool {
  connect(): Promise<PgPoolClient>;
}

/** The database could not be reached or failed a statement of eventc's own. Retriable. */
export class DatabaseUnavailableError extends EventcRuntimeError {
  override name = 'DatabaseUnavailableError';
}

export const DEFAULT_INBOX_TABLE = 'eventc_inbox';
export const DEFAULT_OUTBOX_TABLE = 'eventc_outbox';
export const DEFAULT_OUTBOX_CHANNEL = 'eventc_outbox';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

/** A table or channel name as written into SQL: lowercase, optionally schema-qualified. */
export function sqlName(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new RangeError(
      `${what} '${name}' is not a lowercase SQL name (letters, digits, _; optionally schema.table)`,
    );
  }
  return name;
}

export interface TableNames {
  /** The inbox (handled event ids per consumer). Default `eventc_inbox`. */
  inboxTable?: string;
  /** The outbox (events waiting for the relay). Default `eventc_outbox`. */
  outboxTable?: string;
}

/**
 * Creates the inbox and outbox tables when missing. Safe to run from every replica at start:
 * a transaction-scoped advisory lock serialises concurrent runs.
 */
export async function ensureTables(pool: PgPool, names: TableNames = {}): Promise<void> {
  const inbox = sqlName(names.inboxTable ?? DEFAULT_INBOX_TABLE, 'inbox table');
  const outbox = sqlName(names.outboxTable ?? DEFAULT_OUTBOX_TABLE, 'outbox table');
  await withClient(pool, 'creating the inbox and outbox tables', (client) =>
    client.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtext('eventc.ensureTables'));
      CREATE TABLE IF NOT EXISTS ${inbox} (
        consumer text NOT NULL,
        event_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );
      CREATE TABLE IF NOT EXISTS ${outbox} (
        id bigserial PRIMARY KEY,
        event_id text NOT NULL,
        topic text NOT NULL,
        key text,
        value bytea NOT NULL,
        headers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      COMMIT`),
  );
}

/** A client from the pool; a pool that cannot connect is a retriable failure. */
export async function connect(pool: PgPool): Promise<PgPoolClient> {
  try {
    return await pool.connect();
  } catch (err) {
    throw unavailable('connecting to PostgreSQL', err);
  }
}

/**
 * Runs `work` on a client of the pool and gives the client back; a failure closes that
 * connection and is a retriable `DatabaseUnavailableError` saying what failed.
 */
export async function withClient<T>(
  pool: PgPool,
  what: string,
  work: (client: PgPoolClient) => Promise<T>,
): Promise<T> {
  const client = await connect(pool);
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (err) {
    client.release(err as Error);
    throw unavailable(what, err);
  }
}

export function unavailable(what: string, err: unknown): DatabaseUnavailableError {
  const message = err instanceof Error ? err.message : String(err);
  return new DatabaseUnavailableError(`${what} failed: ${message}`, {
    cause: err,
    retriable: true,
  });
}
