/**
 * Date and time logical types.
 * - `date` (int, days since 1970-01-01) ↔ `string` `YYYY-MM-DD`
 * - `time-millis` (int) / `time-micros` (long) ↔ `number` of ms / µs after midnight
 * - `timestamp-millis` (long) ↔ `Date`
 * - `timestamp-micros` (long) ↔ `bigint` µs since the epoch (a Date cannot hold µs)
 * - `local-timestamp-millis` / `-micros` (long) ↔ `string` `YYYY-MM-DDTHH:mm:ss.sss[sss]`
 */
import { EventcLogicalType, pad } from './logical.js';
import { invalidValue, type ErrorHook, type Tap } from './internals.js';
import { readLongBigInt, readLongNumber, writeLongBigInt } from './long.js';

const DAY_MS = 86_400_000;
const DATE_RE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_RE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3}|\d{6})$/;

/** ISO date-time of a UTC millisecond instant, without the zone: `YYYY-MM-DDTHH:mm:ss.sss`. */
function isoLocal(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new RangeError(`time ${ms} ms is outside the Date range`);
  return d.toISOString().slice(0, -1);
}

/** Milliseconds of `YYYY-MM-DDTHH:mm:ss.sss` read as UTC, or undefined when not a real date. */
function parseLocalMs(text: string, digits: 3 | 6): { ms: number; micros: number } | undefined {
  const m = LOCAL_RE.exec(text);
  if (!m || m[7]!.length !== digits) return undefined;
  const ms = Date.parse(`${text.slice(0, text.length - digits)}${m[7]!.slice(0, 3)}Z`);
  if (Number.isNaN(ms) || isoLocal(ms) !== text.slice(0, text.length - digits + 3))
    return undefined;
  return { ms, micros: digits === 6 ? Number(m[7]!.slice(3)) : 0 };
}

export class DateType extends EventcLogicalType {
  _fromValue(days: unknown): string {
    return isoLocal((days as number) * DAY_MS).slice(0, -13);
  }
  _toValue(value: unknown): number | undefined {
    if (typeof value !== 'string' || !DATE_RE.test(value)) return undefined;
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms) || this._fromValue(ms / DAY_MS) !== value) return undefined;
    return ms / DAY_MS;
  }
}

abstract class TimeOfDayType extends EventcLogicalType {
  protected abstract readonly perDay: number;
  _fromValue(value: unknown): number {
    return value as number;
  }
  _toValue(value: unknown): number | undefined {
    return Number.isInteger(value) && (value as number) >= 0 && (value as number) < this.perDay
      ? (value as number)
      : undefined;
  }
}

export class TimeMillisType extends TimeOfDayType {
  protected readonly perDay = DAY_MS;
}

export class TimeMicrosType extends TimeOfDayType {
  protected readonly perDay = DAY_MS * 1000;
}

export class TimestampMillisType extends EventcLogicalType {
  override _read(tap: Tap): Date {
    return new Date(readLongNumber(tap));
  }
  _fromValue(value: unknown): Date {
    return new Date(value as number);
  }
  _toValue(value: unknown): number | undefined {
    if (!(value instanceof Date)) return undefined;
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
}

/** Logical types over `long` that need all 64 bits: read and written as bigint. */
abstract class BigLongLogicalType extends EventcLogicalType {
  abstract fromMicros(micros: bigint): unknown;
  abstract toMicros(value: unknown): bigint | undefined;
  _fromValue(value: unknown): unknown {
    return this.fromMicros(typeof value === 'bigint' ? value : BigInt(value as number));
  }
  _toValue(value: unknown): unknown {
    const micros = this.toMicros(value);
    return micros === undefined ? undefined : Number(micros);
  }
  override _read(tap: Tap): unknown {
    return this.fromMicros(readLongBigInt(tap));
  }
  override _write(tap: Tap, value: unknown): void {
    const micros = this.toMicros(value);
    if (micros === undefined) throw invalidValue(value, this.typeName);
    writeLongBigInt(tap, micros);
  }
  override _check(value: unknown, _flags: unknown, hook?: ErrorHook): boolean {
    const micros = this.toMicros(value);
    const ok = micros !== undefined && BigInt.asIntN(64, micros) === micros;
    if (!ok && hook) hook(value, this);
    return ok;
  }
  override _copy(value: unknown, opts?: { coerce?: number }): unknown {
    if (opts?.coerce === 2) return this._fromValue(this.underlyingType._copy(value, opts));
    if (this.toMicros(value) === undefined) throw invalidValue(value, this.typeName);
    return value;
  }
}

export class TimestampMicrosType extends BigLongLogicalType {
  fromMicros(micros: bigint): bigint {
    return micros;
  }
  toMicros(value: unknown): bigint | undefined {
    return typeof value === 'bigint' ? value : undefined;
  }
}

export class LocalTimestampMillisType extends EventcLogicalType {
  _fromValue(value: unknown): string {
    return isoLocal(value as number);
  }
  _toValue(value: unknown): number | undefined {
    return typeof value === 'string' ? parseLocalMs(value, 3)?.ms : undefined;
  }
}

export class LocalTimestampMicrosType extends BigLongLogicalType {
  fromMicros(micros: bigint): string {
    const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
    const rest = micros - ms * 1000n;
    return `${isoLocal(Number(ms))}${pad(rest, 3)}`;
  }
  toMicros(value: unknown): bigint | undefined {
    if (typeof value !== 'string') return undefined;
    const parsed = parseLocalMs(value, 6);
    return parsed ? BigInt(parsed.ms) * 1000n + BigInt(parsed.micros) : undefined;
  }
}
