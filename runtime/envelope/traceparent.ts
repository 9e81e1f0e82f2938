/**
 * W3C Trace Context (`traceparent`, https://www.w3.org/TR/trace-context/): parsing, validation
 * and child spans, so that the trace of a consumed event continues in the events its handler
 * publishes.
 */
import { randomBytes } from 'node:crypto';

export interface TraceParent {
  version: string;
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** 16 lower-case hex digits, not all zero (the parent span id). */
  spanId: string;
  /** 2 hex digits; bit 0 is `sampled`. */
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** Parses a `traceparent` header; `undefined` when it is not valid W3C trace context. */
export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  if (header === undefined) return undefined;
  const m = TRACEPARENT.exec(header.trim());
  if (!m) return undefined;
  const [, version, traceId, spanId, flags, rest] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (version === 'ff') return undefined;
  // Version 00 has exactly four fields; later versions may append more.
  if (version === '00' && rest !== undefined) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { version, traceId, spanId, flags };
}

export function isValidTraceparent(header: string | undefined): boolean {
  return parseTraceparent(header) !== undefined;
}

export function formatTraceparent(tp: TraceParent): string {
  return `00-${tp.traceId}-${tp.spanId}-${tp.flags}`;
}

function nonZeroHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(hex)) return hex;
  }
}

/** A new trace: fresh trace id and span id, sampled. */
export function newTraceparent(sampled = true): string {
  return formatTraceparent({
    version: '00',
    traceId: nonZeroHex(16),
    spanId: nonZeroHex(8),
    flags: sampled ? '01' : '00',
  });
}

/**
 * The `traceparent` of a child span: same trace id and flags, a fresh span id. An invalid
 * parent starts a new trace, as the W3C recommendation says a receiver should.
 */
export function childTraceparent(parent: string | undefined): string {
  const tp = parseTraceparent(parent);
  if (!tp) return newTraceparent();
  return formatTraceparent({ ...tp, version: '00', spanId: nonZeroHex(8) });
}
