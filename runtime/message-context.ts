/**
 * The `EventContext` of a consumed message, as a plain object (handlers and generated code
 * may spread it).
 */
import type { KafkaMessage } from 'kafkajs';
import type { EventContext } from './context.js';
import { HEADER, readHeaders } from './headers.js';

export interface ContextEvent {
  eventType: string;
  writerVersion: number;
  readerVersion: number;
}

export function messageContext(
  topic: string,
  partition: number,
  message: KafkaMessage,
  event: ContextEvent,
): EventContext {
  const headers = readHeaders(message.headers);
  const eventId = headers[HEADER.eventId] ?? `${topic}/${partition}/${message.offset}`;
  const sent = headers[HEADER.eventTime];
  const ctx: EventContext = {
    eventId,
    eventType: event.eventType,
    writerVersion: event.writerVersion,
    readerVersion: event.readerVersion,
    time: sent !== undefined ? new Date(sent) : new Date(Number(message.timestamp)),
    correlationId: headers[HEADER.correlationId] ?? eventId,
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    headers,
  };
  const causation = headers[HEADER.causationId];
  if (causation !== undefined) ctx.causationId = causation;
  const traceparent = headers[HEADER.traceparent];
  if (traceparent !== undefined) ctx.traceparent = traceparent;
  return ctx;
}
