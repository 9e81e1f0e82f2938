/**
 * Envelope: what travels with an event besides its value. The `eventc-*` headers (event id,
 * type, version, time, correlation and causation), W3C trace context (`traceparent`) and the
 * random ids events get when the caller gives none.
 */
export {
  HEADER,
  DLQ_HEADER,
  buildEventHeaders,
  readHeaders,
  type EventHeaderFields,
} from './headers.js';
export {
  parseTraceparent,
  isValidTraceparent,
  formatTraceparent,
  newTraceparent,
  childTraceparent,
  type TraceParent,
} from './traceparent.js';
