/**
 * What a handler learns about the event it handles, and the subscription of a handler to one
 * event, read as one version.
 */
import { eventOf, type EventDescriptor, type ReadableVersion } from '../descriptor.js';

export interface EventContext {
  eventId: string;
  eventType: string;
  /** Version the producer wrote (resolved from the schema id). */
  writerVersion: number;
  /** Version the value was read into (the subscription's). */
  readerVersion: number;
  time: Date;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Every Kafka header of the message, as UTF-8 strings. */
  headers: Record<string, string>;
}

export interface Subscription<TRead> {
  descriptor: EventDescriptor;
  readerVersion: number;
  handle(value: TRead, ctx: EventContext): Promise<void>;
  /** Longest run of one attempt of `handle`, in ms (default: the consumer's `handlerTimeoutMs`). */
  timeoutMs?: number;
}

export interface SubscribeOptions {
  /** Longest run of one attempt of the handler, in ms; then it counts as a retriable failure. */
  timeoutMs?: number;
}

/**
 * A subscription of `handle` to one version of an event (`OrderCreatedV2Schema`): every
 * compatible version written is read as that one. The value's type comes from the version.
 */
export function subscribe<TRead>(
  version: ReadableVersion<TRead>,
  handle: (value: TRead, ctx: EventContext) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription<TRead> {
  const descriptor = eventOf(version);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be a positive number of ms, not ${options.timeoutMs}`);
  }
  const readerVersion = version.version;
  return options.timeoutMs === undefined
    ? { descriptor, readerVersion, handle }
    : { descriptor, readerVersion, handle, timeoutMs: options.timeoutMs };
}
