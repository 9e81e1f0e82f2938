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
  /** The event's version, or its decimal text. */
  version: number | string;
  /** A Date, or an ISO-8601 string already formatted. */
  time: Date | string;
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
  headers[HEADER.eventTime] =
    typeof fields.time === 'string' ? fields.time : fields.time.toISOString();
  headers[HEADER.correlationId] = fields.correlationId;
  if (fields.causationId !== undefined) headers[HEADER.causationId] = fields.causationId;
  if (fields.traceparent !== undefined) headers[HEADER.traceparent] = fields.traceparent;
  if (fields.tracestate !== undefined) headers[HEADER.tracestate] = fields.tracestate;
  return headers;
}

/** A UTF-8 string or buffer as a string (a byte-order mark kept, bad bytes replaced). */
export function utf8String(v: string | Buffer): string {
  return typeof v === 'string' ? v : v.toString();
}

/** Kafka headers as UTF-8 strings; a repeated header keeps its last value. */
export function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  return new HeaderReader().read(headers);
}

/** Values up to this many bytes are compared with the previous message's before being decoded. */
const REUSE_MAX_BYTES = 64;

/**
 * Reads the headers of consecutive messages (`readHeaders`), reusing the string of a value
 * whose bytes are the ASCII text the previous message had at the same position: the event
 * type, version and time mostly repeat, and comparing a few bytes costs less than decoding.
 */
export class HeaderReader {
  private readonly last: string[] = [];

  read(headers: IHeaders | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!headers) return out;
    let position = 0;
    for (const k in headers) {
      let v = headers[k];
      if (Array.isArray(v)) v = v[v.length - 1];
      if (v === undefined) continue;
      if (typeof v === 'string') {
        out[k] = v;
        continue;
      }
      const previous = this.last[position];
      if (previous !== undefined && v.length <= REUSE_MAX_BYTES && isAscii(v, previous)) {
        out[k] = previous;
      } else {
        out[k] = this.last[position] = v.toString();
      }
      position++;
    }
    return out;
  }
}

/** Whether `bytes` are exactly the ASCII characters of `text` (and so decode to it). */
function isAscii(bytes: Buffer, text: string): boolean {
  const n = bytes.length;
  if (n !== text.length) return false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b !== text.charCodeAt(i) || b > 0x7f) return false;
  }
  return true;
}

let lastMs = -1;
let lastIso = '';

/** The current time as ISO-8601, formatted once per millisecond. */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
