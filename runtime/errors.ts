/**
 * The runtime's error hierarchy. Every error carries a `name`, an optional `cause`, the Kafka
 * coordinates it concerns when there are any, and a `retriable` flag in the manner of kafkajs:
 * retriable errors are worth trying again (a broker or registry that is away), the others are
 * not (a malformed message, an invalid value).
 */

/** Where in Kafka (and in the registry) an error happened; every field is optional. */
export interface ErrorContext {
  topic?: string;
  partition?: number;
  offset?: string;
  schemaId?: number;
  subject?: string;
  eventId?: string;
  eventType?: string;
}

export interface RuntimeErrorOptions extends ErrorContext {
  cause?: unknown;
  retriable?: boolean;
}

/** Base class of every error the runtime throws. */
export class EventcRuntimeError extends Error {
  override name = 'EventcRuntimeError';
  readonly retriable: boolean;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly schemaId?: number;
  readonly subject?: string;
  readonly eventId?: string;
  readonly eventType?: string;

  constructor(message: string, options: RuntimeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retriable = options.retriable ?? false;
    if (options.topic !== undefined) this.topic = options.topic;
    if (options.partition !== undefined) this.partition = options.partition;
    if (options.offset !== undefined) this.offset = options.offset;
    if (options.schemaId !== undefined) this.schemaId = options.schemaId;
    if (options.subject !== undefined) this.subject = options.subject;
    if (options.eventId !== undefined) this.eventId = options.eventId;
    if (options.eventType !== undefined) this.eventType = options.eventType;
  }
}

/** One field of a value that does not match its schema. */
export interface FieldProblem {
  /** Dotted path from the record root, e.g. `items.0.price`; empty for the root. */
  path: string;
  /** The offending value, as found. */
  value: unknown;
  /** The Avro type expected there, e.g. `long` or `com.shop.Money`. */
  expected: string;
}

/** A value given to `publish` does not match the event version's schema. */
export class EventValidationError extends EventcRuntimeError {
  override name = 'EventValidationError';
  readonly problems: readonly FieldProblem[];

  constructor(eventType: string, version: number, problems: readonly FieldProblem[]) {
    const list = problems.map((p) => `'${p.path || '(root)'}' (expected ${p.expected})`).join(', ');
    super(`Invalid ${eventType} v${version}: ${problems.length} bad field(s): ${list}`, {
      eventType,
    });
    this.problems = problems;
  }

  /** The bad field paths, in the order found. */
  get paths(): string[] {
    return this.problems.map((p) => p.path);
  }
}

/** A message value is not in the Confluent wire format (no magic byte, too short). */
export class WireFormatError extends EventcRuntimeError {
  override name = 'WireFormatError';
  /** What is wrong with the frame. */
  readonly problem: 'too-short' | 'no-magic-byte' | 'bad-schema-id';
  constructor(
    problem: WireFormatError['problem'],
    message: string,
    options: RuntimeErrorOptions = {},
  ) {
    super(message, options);
    this.problem = problem;
  }
}

export interface RegistryErrorOptions extends RuntimeErrorOptions {
  /** The request: its method and its URL with any credentials removed. */
  method?: string;
  url?: string;
  /** HTTP status, absent when no answer arrived (connection error, timeout). */
  status?: number;
  /** The registry's `error_code`, e.g. 40901 for an incompatible schema. */
  errorCode?: number;
  /** The registry's own message (redacted), or what went wrong. */
  reason?: string;
}

/**
 * Base of every schema-registry error, from services and from the CLI alike. It carries the
 * request (method, URL without credentials), the HTTP status and the registry's `error_code`
 * where the registry answered, and whether trying again could help.
 */
export class RegistryError extends EventcRuntimeError {
  override name = 'RegistryError';
  readonly method?: string;
  readonly url?: string;
  readonly status?: number;
  readonly errorCode?: number;
  readonly reason: string;

  constructor(message: string, options: RegistryErrorOptions = {}) {
    super(message, options);
    if (options.method !== undefined) this.method = options.method;
    if (options.url !== undefined) this.url = options.url;
    if (options.status !== undefined) this.status = options.status;
    if (options.errorCode !== undefined) this.errorCode = options.errorCode;
    this.reason = options.reason ?? message;
  }

  /** True when the registry refused a schema as incompatible (409/40901) or invalid (422). */
  get isRejection(): boolean {
    return this.status === 409 || this.status === 422;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The options this error was made with, to derive a more specific error from it. */
  get details(): RegistryErrorOptions {
    const d: RegistryErrorOptions = { reason: this.reason, retriable: this.retriable };
    for (const key of ['method', 'url', 'status', 'errorCode', 'subject', 'schemaId'] as const) {
      if (this[key] !== undefined) Object.assign(d, { [key]: this[key] });
    }
    return d;
  }
}

/**
 * The registry could not be reached, timed out or answered 5xx, 429 or 408. Retriable unless
 * the connection failed for a reason that does not pass (a certificate it cannot verify).
 */
export class RegistryUnavailableError extends RegistryError {
  override name = 'RegistryUnavailableError';
  constructor(message: string, options: RegistryErrorOptions = {}) {
    super(message, { retriable: true, ...options });
  }
}

/** The registry answered, but refused the request (not found, unauthorised, invalid). */
export class RegistryRequestError extends RegistryError {
  override name = 'RegistryRequestError';
  constructor(message: string, options: RegistryErrorOptions = {}) {
    super(message, { ...options, retriable: false });
  }
}

/** The URL answers, but not with the Confluent Schema Registry API (a wrong route). */
export class RegistryRouteError extends RegistryRequestError {
  override name = 'RegistryRouteError';
}

/** A subject has no version with the schema of an event version (and autoRegister is off). */
export class SchemaNotRegisteredError extends RegistryRequestError {
  override name = 'SchemaNotRegisteredError';
}

/** No schema with the id found in a message exists in the registry. */
export class UnknownSchemaIdError extends RegistryRequestError {
  override name = 'UnknownSchemaIdError';
}

/**
 * The registry settings in the environment cannot be used: a credential the manifest names
 * is not set, a header list or a TLS file that cannot be read. Lists every problem.
 */
export class RegistryConfigError extends EventcRuntimeError {
  override name = 'RegistryConfigError';
  readonly problems: string[];
  constructor(problems: string[], options: { cause?: unknown } = {}) {
    super(problems.join('; '), options);
    this.problems = problems;
  }
}

/** Why a consumed message could not be handled; also the `eventc-dlq-reason` header. */
export type PoisonReason =
  | 'empty-value'
  | 'no-magic-byte'
  | 'too-short'
  | 'unknown-schema-id'
  | 'undecodable'
  | 'unresolvable-writer'
  | 'unhandled-event-type';

/** A message that can never be handled, whatever the number of attempts. */
export class PoisonMessageError extends EventcRuntimeError {
  override name = 'PoisonMessageError';
  readonly reason: PoisonReason;
  constructor(reason: PoisonReason, message: string, options: RuntimeErrorOptions = {}) {
    super(message, { ...options, retriable: false });
    this.reason = reason;
  }
}

/** A handler failed on every attempt; the event went to the dead-letter topic. */
export class HandlerFailedError extends EventcRuntimeError {
  override name = 'HandlerFailedError';
  readonly attempts: number;
  constructor(message: string, attempts: number, options: RuntimeErrorOptions = {}) {
    super(message, options);
    this.attempts = attempts;
  }
}

/** An event of a failed publish call that was written: where it is. */
export interface WrittenEvent {
  eventId: string | undefined;
  topic: string;
  partition: number;
  offset: string | undefined;
}

/**
 * An event of a failed publish call that was not acknowledged. `sent: false`: it never left
 * the process, so it is certainly not written. `sent: true`: its request failed, and the
 * broker may still have written it; publishing it again with the same `eventId` is safe,
 * since consumers skip the duplicate.
 */
export interface UnwrittenEvent {
  eventId: string | undefined;
  topic: string;
  sent: boolean;
  reason: string;
}

export interface PublishErrorOptions extends RuntimeErrorOptions {
  written?: WrittenEvent[];
  notWritten?: UnwrittenEvent[];
}

/**
 * A publish could not be completed (broker refused or unreachable after kafkajs' retries, or
 * an event too large to send). `written` and `notWritten` say what became of each event of
 * the call, with its id.
 */
export class PublishError extends EventcRuntimeError {
  override name = 'PublishError';
  readonly written: WrittenEvent[];
  readonly notWritten: UnwrittenEvent[];
  constructor(message: string, options: PublishErrorOptions = {}) {
    super(message, options);
    this.written = options.written ?? [];
    this.notWritten = options.notWritten ?? [];
  }
}

/** The client or a component was used in a state that does not allow it (closed, not connected). */
export class ClientStateError extends EventcRuntimeError {
  override name = 'ClientStateError';
}

/** Whether an error (ours, kafkajs' or anything else) is worth retrying. */
export function isRetriable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return true;
  const flag = (err as { retriable?: unknown }).retriable;
  return typeof flag === 'boolean' ? flag : true;
}

/** The message of anything thrown, for logs and headers. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
