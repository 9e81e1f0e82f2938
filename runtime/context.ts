/**
 * What a handler learns about the event it handles, and the subscription of a handler to one
 * event, read as one version.
 */
import type { EventDescriptor } from './descriptor.js';

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
}

/** A subscription of `handle` to `descriptor`, reading every compatible version as `readerVersion`. */
export function subscribe<TRead>(
  descriptor: EventDescriptor,
  readerVersion: number,
  handle: (value: TRead, ctx: EventContext) => Promise<void>,
): Subscription<TRead> {
  if (!descriptor.versions.some((v) => v.version === readerVersion)) {
    const known = descriptor.versions.map((v) => v.version).join(', ');
    throw new RangeError(
      `${descriptor.event} has no version ${readerVersion} (versions: ${known})`,
    );
  }
  return { descriptor, readerVersion, handle };
}
