/**
 * The transactional outbox: a service writes its state and the events to publish in one
 * PostgreSQL transaction (`outbox.publish(tx, publisher, value)`), so an event is published
 * if and only if the change that caused it committed. The `OutboxRelay` then sends the rows
 * to Kafka in the order they were written, with the ids they were given, and deletes them.
 *
 * One relay of a database is active at a time (a session advisory lock; the others wait to
 * take over). A relay that dies between sending and deleting sends those rows again, with the
 * same event ids, which consumers recognise as duplicates.
 */
import type { EventcClient } from '../client.js';
import { PublishError, errorMessage } from '../errors.js';
import { fnv1a } from '../consumer/idempotency.js';
import type { Logger } from '../observability/logger.js';
import { headerEventId } from '../producer/sender.js';
import type { EventPreparer } from '../producer/transaction.js';
import {
  DEFAULT_OUTBOX_CHANNEL,
  DEFAULT_OUTBOX_TABLE,
  connect,
  sqlName,
  unavailable,
  type PgPool,
  type PgPoolClient,
  type Queryable,
} from './pg.js';

export interface PostgresOutboxOptions {
  /** Default `eventc_outbox` (see `ensureTables`). */
  table?: string;
  /** The LISTEN/NOTIFY channel that wakes the relay. Default `eventc_outbox`. */
  channel?: string;
}

export class PostgresOutbox {
  private readonly insertSql: string;
  private readonly channel: string;

  constructor(options: PostgresOutboxOptions = {}) {
    const table = sqlName(options.table ?? DEFAULT_OUTBOX_TABLE, 'outbox table');
    this.channel = sqlName(options.channel ?? DEFAULT_OUTBOX_CHANNEL, 'outbox channel');
    // One round trip: the row, and a notification the relay receives when `tx` commits.
    this.insertSql = `WITH row AS (INSERT INTO ${table} (event_id, topic, key, value, headers) VALUES ($1, $2, $3, $4, $5) RETURNING id) SELECT pg_notify($6, '') FROM row`;
  }

  /**
   * Validates and encodes the event now (as `publisher.publish` would) and writes it to the
   * outbox within `tx`: it is sent once `tx` commits, and never if it rolls back. Resolves to
   * what `publish` resolves to, without a partition yet (-1).
   */
  async publish<TWrite, TOptions, R>(
    tx: Queryable,
    publisher: EventPreparer<TWrite, TOptions, R>,
    value: TWrite,
    options?: TOptions,
  ): Promise<R> {
    const { topic, message, result } = await publisher.prepareAsync(value, options);
    const headers = (message.headers ?? {}) as Record<string, string>;
    await tx.query(this.insertSql, [
      headerEventId(message) ?? '',
      topic,
      message.key ?? null,
      message.value,
      JSON.stringify(headers),
      this.channel,
    ]);
    return result;
  }
}

export interface OutboxRelayOptions extends PostgresOutboxOptions {
  /** Most rows sent in one round. Default 500. */
  batchSize?: number;
  /** How often an idle relay looks (a NOTIFY wakes it sooner), and a waiting one tries to take over, in ms. Default 1000. */
  pollIntervalMs?: number;
  /** The advisory lock key of the active relay; relays of one outbox table share it. Default: a hash of the table name. */
  lockKey?: number;
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/** Sends the outbox to Kafka through the client's idempotent producer; `client.close()` stops it. */
export class OutboxRelay {
  private readonly table: string;
  private readonly channel: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly lockKey: number;
  private readonly logger: Logger;
  private session?: PgPoolClient;
  private holding = false;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly unown: () => void;
  /** Events sent since the relay started. */
  sent = 0;

  constructor(
    private readonly client: EventcClient,
    private readonly pool: PgPool,
    options: OutboxRelayOptions = {},
  ) {
    this.table = sqlName(options.table ?? DEFAULT_OUTBOX_TABLE, 'outbox table');
    this.channel = sqlName(options.channel ?? DEFAULT_OUTBOX_CHANNEL, 'outbox channel');
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.lockKey = options.lockKey ?? fnv1a(`eventc.outbox.${this.table}`);
    this.logger = client.logger;
    // `client.close()` stops the relay first, as it stops consumers.
    this.unown = client.own(this);
  }

  /** Whether this relay is the active one. */
  get active(): boolean {
    return this.holding;
  }

  /** Connects the client and starts relaying in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.client.connect();
    this.loop = this.run();
  }

  /** Finishes the round in progress, gives the lock up and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.closeSession();
    this.unown();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const more = await this.round();
        failures = 0;
        if (!more) await this.idle();
      } catch (err) {
        failures++;
        this.logger.warn(
          'outbox relay failed; the unsent rows stay in the outbox for the next try',
          {
            table: this.table,
            error: errorMessage(err),
          },
        );
        if (!(err instanceof PublishError)) this.closeSession(err as Error);
        await this.idle(Math.min(this.pollIntervalMs * 2 ** Math.min(failures, 5), 30_000));
      }
    }
  }

  /** One round: take the lock if free, send the oldest rows, delete what was written. True when more rows may wait. */
  private async round(): Promise<boolean> {
    const session = await this.connectSession();
    if (!this.holding) {
      const { rows } = await session.query('SELECT pg_try_advisory_lock($1) AS locked', [
        this.lockKey,
      ]);
      this.holding = rows[0]?.locked === true;
      if (!this.holding) return false;
      this.logger.info('outbox relay active', { table: this.table });
    }
    const { rows } = await session.query(
      `SELECT id, event_id, topic, key, value, headers FROM ${this.table} ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    const batch = rows as unknown as OutboxRow[];
    if (batch.length === 0) return false;
    try {
      await this.client.sender().sendMany(
        batch.map((r) => ({
          topic: r.topic,
          message: { key: r.key, value: r.value, headers: r.headers },
          target: { partition: -1 },
        })),
      );
    } catch (err) {
      // What was written is deleted; the rest (never sent past a failed request) stays, in order.
      if (err instanceof PublishError && err.written.length > 0) {
        const written = new Set(err.written.map((w) => w.eventId));
        await this.delete(
          session,
          batch.filter((r) => written.has(r.event_id)),
        );
      }
      throw err;
    }
    await this.delete(session, batch);
    return batch.length === this.batchSize;
  }

  private async delete(session: PgPoolClient, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await session.query(`DELETE FROM ${this.table} WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.id),
    ]);
    this.sent += rows.length;
  }

  private async connectSession(): Promise<PgPoolClient> {
    if (this.session) return this.session;
    const session = await connect(this.pool);
    session.on('error', (err) => this.closeSession(err));
    session.on('notification', () => this.wake?.());
    try {
      await session.query(`LISTEN ${this.channel}`);
    } catch (err) {
      session.release(err as Error);
      throw unavailable('listening for outbox rows', err);
    }
    this.session = session;
    return session;
  }

  /** Ends the session, and with it the lock (another relay may take over). */
  private closeSession(err?: Error): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    if (this.holding) this.logger.info('outbox relay inactive', { table: this.table });
    this.holding = false;
    session.removeAllListeners('notification');
    session.removeAllListeners('error');
    // A released session would keep its lock and LISTEN in the pool: it is closed instead.
    session.release(err ?? true);
  }

  private idle(ms = this.pollIntervalMs): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
