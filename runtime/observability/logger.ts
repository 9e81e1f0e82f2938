/**
 * Structured logging: a minimal `Logger` interface (any pino/winston-like logger fits it) and a
 * default that writes one JSON object per line. kafkajs' own logs are routed through it.
 */
import { createRequire } from 'node:module';
import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';

export type LogFields = Record<string, unknown>;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  /** Lowest level written. Default `info`, or `EVENTC_LOG_LEVEL` when set. */
  level?: LogLevel;
  /** Where lines go. Default: standard error. */
  write?: (line: string) => void;
  /** Fields added to every line (service name, instance). */
  base?: LogFields;
}

/** A logger writing `{"time","level","msg",...fields}` lines. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const envLevel = process.env.EVENTC_LOG_LEVEL as LogLevel | undefined;
  const min = RANK[options.level ?? (envLevel && envLevel in RANK ? envLevel : 'info')];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const base = options.base ?? {};
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    const entry = {
      time: new Date().toISOString(),
      level,
      msg: message,
      ...base,
      ...serialise(fields),
    };
    write(`${JSON.stringify(entry)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function serialise(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    out[k] =
      v instanceof Error
        ? { name: v.name, message: v.message }
        : typeof v === 'bigint'
          ? String(v)
          : v;
  }
  return out;
}

/**
 * Messages of the Kafka protocol errors that kafkajs retries by itself, from kafkajs' own table
 * (empty if a kafkajs version moves it). kafkajs logs each such response at error level, e.g.
 * "The coordinator is loading…" while a group starts; if its retries run out, the operation
 * itself fails, and that failure is what eventc reports as an error.
 */
const RETRIED_BY_KAFKAJS: ReadonlySet<string> = (() => {
  try {
    const table = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
      errorCodes: { message: string; retriable: boolean }[];
    };
    return new Set(table.errorCodes.filter((e) => e.retriable).map((e) => e.message));
  } catch {
    return new Set<string>();
  }
})();

/** kafkajs' consumer logs `Crash: <error name>: <message>` before it restarts or gives up. */
const CONSUMER_CRASH = /^Crash: [A-Za-z]+: (.*)$/s;
const CONSUMER_RESTART = /^Restarting the consumer in \d+ms$/;

/** True for an entry kafkajs logs at error level about something it retries by itself. */
function retriedByKafkajs(message: string, error: unknown): boolean {
  if (typeof error === 'string' && RETRIED_BY_KAFKAJS.has(error)) return true;
  // A group coordinator still loading (a fresh broker, a new group) crashes the consumer
  // once; kafkajs restarts it, as it does for every retriable error.
  const crash = CONSUMER_CRASH.exec(message);
  if (crash && RETRIED_BY_KAFKAJS.has(crash[1]!)) return true;
  return CONSUMER_RESTART.test(message);
}

/**
 * A kafkajs `logCreator` that sends kafkajs' entries to `logger`. A response error that kafkajs
 * retries by itself, and a consumer restart after such an error, is a warning (with
 * `retriedByKafkajs: true`), not an error.
 */
export function kafkajsLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...rest } = log;
      const fields: LogFields = { ...rest, namespace: `kafkajs.${namespace}` };
      if (level === KafkaLogLevel.ERROR) {
        if (retriedByKafkajs(message, rest['error'])) {
          logger.warn(message, { ...fields, retriedByKafkajs: true });
        } else {
          logger.error(message, fields);
        }
      } else if (level === KafkaLogLevel.WARN) logger.warn(message, fields);
      else if (level === KafkaLogLevel.INFO) logger.info(message, fields);
      else logger.debug(message, fields);
    };
}
