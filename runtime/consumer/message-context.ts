/**
 * The `EventContext` of a consumed message, as a plain object (handlers and generated code
 * may spread it).
 */
import type { KafkaMessage } from 'kafkajs';
import type { EventContext } from './context.js';
import { HEADER, utf8String } from '../envelope/headers.js';

export interface ContextEvent {
  eventType: string;
  writerVersion: number;
  readerVersion: number;
}

const UUID_ANY_CASE =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UPPER_HEX = /[A-F]/;

/**
 * The id a consumed event is deduplicated by: its `eventc-event-id` header, with a UUID in
 * lower case (UUIDs compare case-insensitively, so `AB…` and `ab…` are one event). An absent
 * or blank id, or one that was not valid UTF-8 (decoded with U+FFFD in it), identifies
 * nothing: events sharing it would all be dropped as duplicates of the first. Such an event
 * is known by its place instead, `<topic>/<partition>/<offset>`, which a redelivery keeps.
 */
export function eventIdOf(
  raw: string | undefined,
  topic: string,
  partition: number,
  offset: string,
): string {
  if (
    raw === undefined ||
    raw.length === 0 ||
    (raw.charCodeAt(0) <= 0x20 && raw.trim() === '') ||
    raw.includes('\uFFFD')
  ) {
    return `${topic}/${partition}/${offset}`;
  }
  if (raw.length === 36 && UPPER_HEX.test(raw) && UUID_ANY_CASE.test(raw)) return raw.toLowerCase();
  return raw;
}

/** `headers`: the message's headers as strings (see `readHeaders`). */
export function messageContext(
  topic: string,
  partition: number,
  message: KafkaMessage,
  headers: Record<string, string>,
  event: ContextEvent,
): EventContext {
  const eventId = eventIdOf(headers[HEADER.eventId], topic, partition, message.offset);
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
