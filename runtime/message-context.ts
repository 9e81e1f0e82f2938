/**
 * The `EventContext` of a consumed message, as a plain object (handlers and generated code
 * may spread it).
 */
import type { KafkaMessage } from 'kafkajs';
import type { EventContext } from './context.js';
import { HEADER, utf8String } from './headers.js';

export interface ContextEvent {
  eventType: string;
  writerVersion: number;
  readerVersion: number;
}

/** `headers`: the message's headers as strings (see `readHeaders`). */
export function messageContext(
  topic: string,
  partition: number,
  message: KafkaMessage,
  headers: Record<string, string>,
  event: ContextEvent,
): EventContext {
  const eventId = headers[HEADER.eventId] ?? `${topic}/${partition}/${message.offset}`;
  const sent = headers[HEADER.eventTime];
  const ctx: EventContext = {
    eventId,
    eventType: event.eventType,
    writerVersion: event.writerVersion,
    readerVersion: event.readerVersion,
    time: new Date(sent !== undefined ? parseTime(sent) : Number(message.timestamp)),
    correlationId: headers[HEADER.correlationId] ?? eventId,
    topic,
    partition,
    offset: message.offset,
    key: message.key ? utf8String(message.key) : null,
    headers,
  };
  const causation = headers[HEADER.causationId];
  if (causation !== undefined) ctx.causationId = causation;
  const traceparent = headers[HEADER.traceparent];
  if (traceparent !== undefined) ctx.traceparent = traceparent;
  return ctx;
}

let lastTimeText = '';
let lastTimeMs = Number.NaN;

/**
 * Milliseconds of an `eventc-event-time` header (NaN when unparsable). Events published in the
 * same millisecond share the text, so consecutive events mostly reuse the last result.
 */
function parseTime(text: string): number {
  if (text !== lastTimeText) {
    lastTimeText = text;
    lastTimeMs = Date.parse(text);
  }
  return lastTimeMs;
}
