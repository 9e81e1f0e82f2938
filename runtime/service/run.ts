/**
 * `runService`: what a generated service's `main.ts` calls. It reads and validates the
 * configuration from the environment, connects to the broker and the registry (failing
 * fast with a clear error when either is unreachable), starts the service's consumer,
 * serves `/healthz`, `/readyz` and `/metrics` (plus the service's own routes), and on
 * SIGTERM or SIGINT finishes in-flight handlers, commits, leaves the group and exits.
 */
import type { Admin } from 'kafkajs';
import { EventcClient, type EventcClientConfig } from '../client.js';
import { kafkaSecurity, loadServiceConfig, type ServiceConfig } from './config.js';
import type { Consumer } from '../consumer/consumer.js';
import { startHealthServer, type HealthServer, type Routes } from './health.js';
import { createJsonLogger, type Logger } from '../observability/logger.js';
import { RegistryClient } from '../registry/client.js';

/** How long a readiness probe waits for the broker or the registry. */
const READINESS_TIMEOUT_MS = 3000;

export interface ServiceParts {
  /** The consumer of the events the service handles, when it handles any. */
  consumer?: Consumer;
  /** The service's own HTTP routes (for example an endpoint that publishes events). */
  routes?: Routes;
}

export interface RunServiceOptions {
  /** The service's name in the manifest; default group and client id. */
  name: string;
  /** Builds the consumer and routes on the connected-to-be client. */
  setup(client: EventcClient, config: ServiceConfig): ServiceParts | Promise<ServiceParts>;
  /** Environment to read the configuration from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Extra client settings (producer batching, auto-registration for local development). */
  client?: Partial<Omit<EventcClientConfig, 'brokers' | 'clientId' | 'registry' | 'logger'>>;
  /** Stop on SIGTERM/SIGINT. Default true. */
  handleSignals?: boolean;
}

export interface RunningService {
  readonly config: ServiceConfig;
  readonly client: EventcClient;
  readonly logger: Logger;
  /** Port of the health, metrics and routes endpoint. */
  readonly port: number;
  /** Resolves when the service has stopped. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the service, or prints why it cannot start (invalid configuration, broker or
 * registry unreachable, schemas not registered) on stderr and exits with status 1: the
 * entry point of a service's \`main.ts\`.
 */
export async function runService(options: RunServiceOptions): Promise<RunningService> {
  try {
    return await startService(options);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`${options.name}: cannot start: ${e.message}\n`);
    if (process.env.EVENTC_LOG_LEVEL === 'debug' && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  }
}

/** Starts the service; rejects with the reason when it cannot start. */
export async function startService(options: RunServiceOptions): Promise<RunningService> {
  const config = loadServiceConfig(options.name, options.env ?? process.env);
  const logger = createJsonLogger({ level: config.logLevel, base: { service: config.service } });
  const client = new EventcClient({
    ...options.client,
    brokers: config.brokers,
    clientId: config.clientId,
    registry: config.registry,
    kafka: kafkaSecurity(config),
    logger,
  });
  const parts = await options.setup(client, config);
  const registry = new RegistryClient({
    ...client.config.registry,
    timeoutMs: READINESS_TIMEOUT_MS,
  });
  const admin = client.kafka.admin();
  let http: HealthServer | undefined;
  try {
    await client.connect();
    await admin.connect();
    await parts.consumer?.start();
    http = await startHealthServer({
      host: config.http.host,
      port: config.http.port,
      ...(parts.routes ? { routes: parts.routes } : {}),
      readiness: {
        broker: cached(() => brokerReachable(admin)),
        registry: cached(() => registry.reachable()),
      },
      metrics: () => client.metrics.expose(),
    });
  } catch (err) {
    await Promise.allSettled([client.close(), admin.disconnect()]);
    throw err;
  }
  const server = http;

  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('stopping', {});
      await parts.consumer?.stop();
      await client.close();
      await admin.disconnect();
      await server.close();
      logger.info('stopped', {});
      markStopped();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info('signal received', { signal });
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('shutdown failed', { error: (err as Error).message });
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  logger.info('started', { port: server.port, brokers: config.brokers, groupId: config.groupId });
  return { config, client, logger, port: server.port, stopped, stop };
}

async function brokerReachable(admin: Admin): Promise<boolean> {
  const cluster = await withTimeout(admin.describeCluster(), READINESS_TIMEOUT_MS);
  return cluster.brokers.length > 0;
}

/** Caches a readiness answer for a few seconds, so probes do not hammer the dependencies. */
function cached(check: () => Promise<boolean>, ttlMs = 2000): () => Promise<boolean> {
  let last: { at: number; value: Promise<boolean> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ttlMs) {
      last = { at: now, value: check().catch(() => false) };
    }
    return last.value;
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
