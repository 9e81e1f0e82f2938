/**
 * Service configuration from environment variables, validated at start-up. Every problem
 * is collected and reported at once, naming the variable, so a misconfigured deployment
 * fails with one clear message instead of a connection error later.
 */
import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { RegistryConfigError } from '../errors.js';
import type { RegistryClientOptions } from '../registry/client.js';
import { DEFAULT_REGISTRY_URL, REGISTRY_ENV, registryOptionsFromEnv } from '../registry/env.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SaslConfig {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

export interface ServiceConfig {
  service: string;
  brokers: string[];
  clientId: string;
  groupId: string;
  /** The registry client's options (see `registry/env.ts`), and the lock file to pin ids. */
  registry: RegistryClientOptions & {
    /** Lock file of `eventc register`: schema ids pinned, no registry lookup to publish. */
    pinned?: string;
  };
  sasl?: SaslConfig;
  /** `true` for TLS with the system CAs, or the CA certificates to trust. */
  tls?: true | { ca: string };
  logLevel: LogLevel;
  http: { host: string; port: number };
}

/** The variables a service reads, with what each means; used for errors, docs and manifests. */
export const SERVICE_ENV = {
  EVENTC_BROKERS: 'comma-separated Kafka bootstrap servers (default 127.0.0.1:9092)',
  ...REGISTRY_ENV,
  EVENTC_LOCK_FILE:
    'lock file of eventc register to pin schema ids (schemas/eventc.lock.<env>.json)',
  EVENTC_SASL_MECHANISM: 'plain, scram-sha-256 or scram-sha-512 (unset: no SASL)',
  EVENTC_SASL_USERNAME: 'SASL user',
  EVENTC_SASL_PASSWORD: 'SASL password',
  EVENTC_TLS: 'true to connect to Kafka over TLS',
  EVENTC_TLS_CA_FILE: 'PEM file of CA certificates to trust (implies EVENTC_TLS=true)',
  EVENTC_GROUP_ID: 'consumer group id (default: the service name)',
  EVENTC_CLIENT_ID: 'Kafka client id (default: the service name)',
  EVENTC_LOG_LEVEL: 'debug, info, warn or error (default info)',
  EVENTC_HTTP_HOST: 'address of the health and metrics endpoint (default 0.0.0.0)',
  EVENTC_HTTP_PORT: 'port of the health and metrics endpoint (default 8080)',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly retriable = false;
  readonly problems: string[];
  constructor(service: string, problems: string[]) {
    super(`invalid configuration of service "${service}":\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

export function loadServiceConfig(service: string, env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const get = (name: keyof typeof SERVICE_ENV): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const brokers = (get('EVENTC_BROKERS') ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
  for (const b of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(b)) {
      problems.push(`EVENTC_BROKERS: "${b}" is not host:port`);
    }
  }

  let registry: ServiceConfig['registry'] = { url: DEFAULT_REGISTRY_URL };
  try {
    registry = registryOptionsFromEnv(
      { urlEnv: 'EVENTC_REGISTRY_URL', defaultUrl: DEFAULT_REGISTRY_URL },
      env,
    );
  } catch (err) {
    if (!(err instanceof RegistryConfigError)) throw err;
    problems.push(...err.problems);
  }

  const lockFile = get('EVENTC_LOCK_FILE');
  if (lockFile !== undefined) {
    try {
      readFileSync(lockFile);
      registry.pinned = lockFile;
    } catch (err) {
      problems.push(`EVENTC_LOCK_FILE: cannot read "${lockFile}" (${(err as Error).message})`);
    }
  }

  const config: ServiceConfig = {
    service,
    brokers,
    clientId: get('EVENTC_CLIENT_ID') ?? service,
    groupId: get('EVENTC_GROUP_ID') ?? service,
    registry,
    logLevel: 'info',
    http: { host: get('EVENTC_HTTP_HOST') ?? '0.0.0.0', port: 8080 },
  };

  const sasl = parseSasl(
    get('EVENTC_SASL_MECHANISM'),
    get('EVENTC_SASL_USERNAME'),
    get('EVENTC_SASL_PASSWORD'),
    problems,
  );
  if (sasl) config.sasl = sasl;

  const caFile = get('EVENTC_TLS_CA_FILE');
  const tls = get('EVENTC_TLS');
  if (tls !== undefined && tls !== 'true' && tls !== 'false') {
    problems.push(`EVENTC_TLS: "${tls}" must be true or false`);
  }
  if (caFile !== undefined) {
    try {
      config.tls = { ca: readFileSync(caFile, 'utf8') };
    } catch (err) {
      problems.push(`EVENTC_TLS_CA_FILE: cannot read "${caFile}" (${(err as Error).message})`);
    }
  } else if (tls === 'true') {
    config.tls = true;
  }

  const level = get('EVENTC_LOG_LEVEL') ?? 'info';
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') {
    config.logLevel = level;
  } else {
    problems.push(`EVENTC_LOG_LEVEL: "${level}" must be debug, info, warn or error`);
  }

  const port = get('EVENTC_HTTP_PORT');
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      problems.push(`EVENTC_HTTP_PORT: "${port}" is not a port number`);
    } else {
      config.http.port = n;
    }
  }

  if (problems.length > 0) throw new ConfigError(service, problems);
  return config;
}

function parseSasl(
  mechanism: string | undefined,
  username: string | undefined,
  password: string | undefined,
  problems: string[],
): SaslConfig | undefined {
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined) {
      problems.push('EVENTC_SASL_USERNAME/PASSWORD are set but EVENTC_SASL_MECHANISM is not');
    }
    return undefined;
  }
  const m = mechanism.toLowerCase();
  if (m !== 'plain' && m !== 'scram-sha-256' && m !== 'scram-sha-512') {
    problems.push(
      `EVENTC_SASL_MECHANISM: "${mechanism}" must be plain, scram-sha-256 or scram-sha-512`,
    );
    return undefined;
  }
  if (username === undefined || password === undefined) {
    problems.push(`EVENTC_SASL_MECHANISM=${m} needs EVENTC_SASL_USERNAME and EVENTC_SASL_PASSWORD`);
    return undefined;
  }
  return { mechanism: m, username, password };
}

/** The kafkajs TLS and SASL settings of a service configuration. */
export function kafkaSecurity(config: Pick<ServiceConfig, 'tls' | 'sasl'>): Partial<KafkaConfig> {
  const kafka: Partial<KafkaConfig> = {};
  if (config.tls === true) kafka.ssl = true;
  else if (config.tls) kafka.ssl = { ca: [config.tls.ca] };
  if (config.sasl) kafka.sasl = config.sasl as SASLOptions;
  return kafka;
}
