/**
 * `long` without silent corruption. avsc decodes and encodes longs beyond 2^52 with float
 * arithmetic that drops the lowest bit (large negative values come back positive), so eventc
 * reads and writes the zig-zag varint itself: exactly, with a fast path for small values.
 * A `long` is a JavaScript `number`; values outside ±(2^53 − 1) are refused with
 * `LongRangeError` when encoding and when decoding. Logical types that need all 64 bits
 * (timestamp-micros) use the bigint helpers.
 */
import { EventcRuntimeError } from '../errors.js';
import { avscTypes, invalidValue, type ErrorHook, type Tap } from './internals.js';

/** A long outside the range a JavaScript number holds exactly. */
export class LongRangeError extends EventcRuntimeError {
  override name = 'LongRangeError';
  /** The value, exactly. */
  readonly value: bigint | number;
  constructor(value: bigint | number) {
    super(
      `long ${String(value)} is outside ±(2^53 − 1), the range a JavaScript number holds exactly`,
    );
    this.value = value;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_53 = 2 ** 53;

/** Reads a zig-zag varint as a bigint, exactly. */
function readBig(tap: Tap): bigint {
  const buf = tap.buf;
  let z = 0n;
  let shift = 0n;
  let b: number;
  do {
    b = buf[tap.pos++] ?? 0;
    z |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  } while (b & 0x80 && shift < 70n);
  return (z >> 1n) ^ -(z & 1n);
}

/** Reads a long as a bigint (all 64 bits). */
export function readLongBigInt(tap: Tap): bigint {
  return readBig(tap);
}

/** Reads a long as a safe-integer number; throws `LongRangeError` beyond ±(2^53 − 1). */
export function readLongNumber(tap: Tap): number {
  const buf = tap.buf;
  const start = tap.pos;
  let n = 0;
  let k = 0;
  let b: number;
  let h: number;
  do {
    // Past the end this reads undefined, which bitwise operators treat as 0 (as avsc does).
    b = buf[tap.pos++] as number;
    h = b & 0x80;
    n |= (b & 0x7f) << k;
    k += 7;
  } while (h && k < 28);
  if (!h) return (n >> 1) ^ -(n & 1);
  let f = n;
  let fk = 268435456; // 2^28
  do {
    b = buf[tap.pos++] as number;
    f += (b & 0x7f) * fk;
    fk *= 128;
  } while (b & 0x80 && fk < 2 ** 70);
  if (f < TWO_53) return f % 2 ? -(f + 1) / 2 : f / 2;
  // The zig-zag value may not be exact as a float: decode again with bigints.
  tap.pos = start;
  const exact = readBig(tap);
  if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new LongRangeError(exact);
  }
  return Number(exact);
}

function writeBig(tap: Tap, value: bigint): void {
  const buf = tap.buf;
  let z = value >= 0n ? value << 1n : (-value << 1n) - 1n;
  do {
    let byte = Number(z & 0x7fn);
    z >>= 7n;
    if (z) byte |= 0x80;
    buf[tap.pos++] = byte;
  } while (z);
}

/** Writes a bigint long; throws when it does not fit in 64 bits. */
export function writeLongBigInt(tap: Tap, value: bigint): void {
  if (value < INT64_MIN || value > INT64_MAX) throw invalidValue(value, 'long');
  writeBig(tap, value);
}

/** Writes a safe-integer number as a long; throws `LongRangeError` for any other number. */
export function writeLongNumber(tap: Tap, n: number): void {
  if (n >= -1073741824 && n < 1073741824) {
    const buf = tap.buf;
    let m = n >= 0 ? n << 1 : (~n << 1) | 1;
    do {
      let byte = m & 0x7f;
      m >>= 7;
      if (m) byte |= 0x80;
      buf[tap.pos++] = byte;
    } while (m);
    return;
  }
  if (!Number.isSafeInteger(n)) throw new LongRangeError(n);
  if (n >= -(2 ** 52) && n <= 2 ** 52) {
    // The zig-zag value stays below 2^53: float arithmetic is exact.
    const buf = tap.buf;
    let f = n >= 0 ? n * 2 : -n * 2 - 1;
    do {
      let byte = f & 0x7f;
      f = Math.floor(f / 128);
      if (f >= 1) byte |= 0x80;
      buf[tap.pos++] = byte;
    } while (f >= 1);
    return;
  }
  writeBig(tap, BigInt(n));
}

export function isSafeLong(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** avsc's `long`, with exact encoding and the safe-integer range enforced both ways. */
export class SafeLongType extends avscTypes.LongType {
  override _read(tap: Tap): number {
    return readLongNumber(tap);
  }
  override _write(tap: Tap, value: unknown): void {
    if (typeof value !== 'number') throw invalidValue(value, 'long');
    if (!Number.isInteger(value)) throw invalidValue(value, 'long');
    writeLongNumber(tap, value);
  }
  override _check(value: unknown, _flags: unknown, hook?: ErrorHook): boolean {
    const ok = isSafeLong(value);
    if (!ok && hook) hook(value, this);
    return ok;
  }
}

/** The one `long` instance every codec shares (avsc types are immutable). */
export const safeLong = new SafeLongType();
