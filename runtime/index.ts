/**
 * The public entry of the eventc runtime. Generated code imports only this module.
 */
export type { EventDescriptor, EventVersionDescriptor } from './descriptor.js';
export {
  avroCodec,
  avroType,
  LongRangeError,
  type AvroCodec,
  type AvroTypeOptions,
  type Duration,
} from './codec.js';
export { EventcClient, type EventcClientConfig } from './client.js';
export { Publisher, type PublishOptions, type PublishResult, type BatchItem } from './publisher.js';
export type { Transaction } from './transaction.js';
export { Consumer, type ConsumerOptions } from './consumer.js';
export { subscribe, type EventContext, type Subscription } from './context.js';
export {
  EventcRuntimeError,
  EventValidationError,
  WireFormatError,
  RegistryUnavailableError,
  RegistryRequestError,
  SchemaNotRegisteredError,
  UnknownSchemaIdError,
  PoisonMessageError,
  HandlerFailedError,
  PublishError,
  ClientStateError,
  isRetriable,
  type ErrorContext,
  type FieldProblem,
  type PoisonReason,
  type WrittenEvent,
  type UnwrittenEvent,
} from './errors.js';
export { encodeFrame, encodeValueFrame, decodeFrame, MAGIC_BYTE, type Frame } from './wire.js';
export {
  HEADER,
  DLQ_HEADER,
  buildEventHeaders,
  readHeaders,
  type EventHeaderFields,
} from './headers.js';
export {
  parseTraceparent,
  isValidTraceparent,
  formatTraceparent,
  newTraceparent,
  childTraceparent,
  type TraceParent,
} from './traceparent.js';
export { RegistryHttpClient, type RegistryConfig, type RegistryAuth } from './registry.js';
export { SchemaCache } from './schemas.js';
export {
  retryPolicy,
  retryDelay,
  retrySchedule,
  DEFAULT_RETRY,
  type RetryOptions,
  type RetryPolicy,
} from './retry.js';
export { deadLetterTopic, deadLetterMessage } from './dlq.js';
export { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency.js';
export { MetricsRegistry, Counter, Gauge, Histogram, type Labels } from './metrics.js';
export {
  createJsonLogger,
  silentLogger,
  type Logger,
  type LogFields,
  type JsonLoggerOptions,
} from './logger.js';
export { installSignalHandlers, type SignalOptions } from './signals.js';
export type { SenderOptions } from './sender.js';
export {
  runService,
  startService,
  type RunServiceOptions,
  type RunningService,
  type ServiceParts,
} from './service.js';
export {
  loadServiceConfig,
  ConfigError,
  SERVICE_ENV,
  type ServiceConfig,
  type SaslConfig,
} from './config.js';
export { startHealthServer, sendJson, type HealthServer, type Routes } from './health.js';
export {
  parseLockFile,
  readLockFile,
  pinnedIds,
  schemaFingerprint,
  PinnedIds,
  LockFileError,
  LockMismatchError,
  type LockFile,
  type LockEntry,
} from './lockfile.js';
