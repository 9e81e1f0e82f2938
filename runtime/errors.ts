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

/** The registry could not be reached, timed out or answered with a server error. */
export class RegistryUnavailableError extends EventcRuntimeError {
  override name = 'RegistryUnavailableError';
  constructor(message: string, options: RuntimeErrorOptions = {}) {
    super(message, { ...options, retriable: true });
  }
}

/** The registry answered, but refused the request (not found, unauthorised, invalid). */
export class RegistryRequestError extends EventcRuntimeError {
  override name = 'RegistryRequestError';
  readonly status: number;
  readonly errorCode?: number;
  constructor(
    message: string,
    status: number,
    errorCode?: number,
    options: RuntimeErrorOptions = {},
  ) {
    super(message, options);
    this.status = status;
    if (errorCode !== undefined) this.errorCode = errorCode;
  }
}

/** A subject has no version with the schema of an event version (and autoRegister is off). */
export class SchemaNotRegisteredError extends RegistryRequestError {
  override name = 'SchemaNotRegisteredError';
}

/** No schema with the id found in a message exists in the registry. */
export class UnknownSchemaIdError extends RegistryRequestError {
  override name = 'UnknownSchemaIdError';
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
