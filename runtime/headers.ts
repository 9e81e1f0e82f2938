/**
 * The eventc headers every event carries (UTF-8 strings), and reading Kafka headers back into
 * plain strings.
 */
import type { IHeaders } from 'kafkajs';

export const HEADER = {
  eventId: 'eventc-event-id',
  eventType: 'eventc-event-type',
  eventVersion: 'eventc-event-version',
  eventTime: 'eventc-event-time',
  correlationId: 'eventc-correlation-id',
  causationId: 'eventc-causation-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Headers added to an event parked on a dead-letter topic. */
export const DLQ_HEADER = {
  reason: 'eventc-dlq-reason',
  error: 'eventc-dlq-error',
  errorName: 'eventc-dlq-error-name',
  attempts: 'eventc-dlq-attempts',
  sourceTopic: 'eventc-dlq-source-topic',
  sourcePartition: 'eventc-dlq-source-partition',
  sourceOffset: 'eventc-dlq-source-offset',
  consumerGroup: 'eventc-dlq-consumer-group',
  time: 'eventc-dlq-time',
} as const;

/** What goes into the eventc headers of one event. */
export interface EventHeaderFields {
  eventId: string;
  eventType: string;
  version: number;
  time: Date;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
}

/** The eventc headers of one event, then `extra` (which cannot override eventc's own). */
export function buildEventHeaders(
  fields: EventHeaderFields,
  extra?: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (extra) {
    for (const [k, v] of Object.entries(extra)) headers[k] = v;
  }
  headers[HEADER.eventId] = fields.eventId;
  headers[HEADER.eventType] = fields.eventType;
  headers[HEADER.eventVersion] = String(fields.version);
  headers[HEADER.eventTime] = fields.time.toISOString();
  headers[HEADER.correlationId] = fields.correlationId;
  if (fields.causationId !== undefined) headers[HEADER.causationId] = fields.causationId;
  if (fields.traceparent !== undefined) headers[HEADER.traceparent] = fields.traceparent;
  if (fields.tracestate !== undefined) headers[HEADER.tracestate] = fields.tracestate;
  return headers;
}

/** Kafka headers as UTF-8 strings; a repeated header keeps its last value. */
export function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [k, v] of Object.entries(headers)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last === undefined) continue;
    out[k] = typeof last === 'string' ? last : last.toString('utf8');
  }
  return out;
}
