/**
 * Where the integration tests find the stack: `EVENTC_BROKERS` (comma-separated),
 * `EVENTC_REGISTRY_URL` (the Confluent-compatible API) and `EVENTC_POSTGRES_URL`, defaulting
 * to the local stack started by `bash infra/stack up`.
 */

export const DEFAULT_BROKERS = '127.0.0.1:9092';
export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:8081/apis/ccompat/v7';
export const DEFAULT_POSTGRES_URL = 'postgres://eventc@127.0.0.1:55432/eventc';

export interface StackEnv {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
}

export function stackEnv(env: NodeJS.ProcessEnv = process.env): StackEnv {
  const brokers = (env.EVENTC_BROKERS ?? DEFAULT_BROKERS)
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  const registryUrl = (env.EVENTC_REGISTRY_URL ?? DEFAULT_REGISTRY_URL).replace(/\/+$/, '');
  return { brokers, registryUrl };
}

const current = stackEnv();

/** Broker addresses for kafkajs, e.g. `['127.0.0.1:9092']`. */
export const brokers: string[] = [...current.brokers];

/** Base URL of the Confluent-compatible registry API, without a trailing slash. */
export const registryUrl: string = current.registryUrl;

/** The stack's PostgreSQL (user and database `eventc`). */
export const postgresUrl: string = process.env.EVENTC_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
