/**
 * `eventc/runtime/postgres`: exactly-once effects with PostgreSQL. The transactional inbox
 * (`PostgresInbox`) commits a handler's writes with the id of its event; the transactional
 * outbox (`PostgresOutbox`, `OutboxRelay`) publishes events written in the same transaction
 * as the state they describe. Pass a `pg.Pool` (the `pg` package is an optional peer
 * dependency of eventc) and create the tables once with `ensureTables`.
 */
export {
  ensureTables,
  DatabaseUnavailableError,
  type PgPool,
  type PgPoolClient,
  type Queryable,
  type QueryResult,
  type TableNames,
} from './pg.js';
export {
  PostgresInbox,
  PostgresIdempotencyStore,
  type InboxHandler,
  type PostgresInboxOptions,
  type PostgresIdempotencyStoreOptions,
} from './inbox.js';
export {
  PostgresOutbox,
  OutboxRelay,
  type PostgresOutboxOptions,
  type OutboxRelayOptions,
} from './outbox.js';
