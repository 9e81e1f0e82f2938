/**
 * What a handler learns about the event it handles, and the subscription of a handler to one
 * event, read as one version.
 */
import type { EventDescriptor } from '../descriptor.js';

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

/** A subscription of `handle` to `descriptor`, reading every compatible version as `readerVersion`. */
export function subscribe<TRead>(
  descriptor: EventDescriptor,
  readerVersion: number,
  handle: (value: TRead, ctx: EventContext) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription<TRead> {
  if (!descriptor.versions.some((v) => v.version === readerVersion)) {
    const known = descriptor.versions.map((v) => v.version).join(', ');
    throw new RangeError(
      `${descriptor.event} has no version ${readerVersion} (versions: ${known})`,
    );
  }
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be a positive number of ms, not ${options.timeoutMs}`);
  }
  return options.timeoutMs === undefined
    ? { descriptor, readerVersion, handle }
    : { descriptor, readerVersion, handle, timeoutMs: options.timeoutMs };
}
