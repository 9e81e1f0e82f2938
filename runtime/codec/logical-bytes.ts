/**
 * Logical types over bytes, fixed and string.
 * - `decimal` (bytes or fixed) ↔ `string` such as `-12.50`: exact, always `scale` fraction
 *   digits when read; written with at most `scale` fraction digits and `precision` digits.
 * - `uuid` (string) ↔ `string` in the 8-4-4-4-12 hexadecimal form.
 * - `duration` (fixed 12) ↔ `{ months, days, milliseconds }`, unsigned 32-bit integers.
 */
import { EventcLogicalType } from './logical.js';
import type { InternalType, Tap } from './internals.js';

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

interface DecimalSchema {
  precision: number;
  scale?: number;
  size?: number;
}

function toTwosComplement(value: bigint, size: number | undefined): Buffer | undefined {
  let length = 1;
  while (value < -(1n << BigInt(length * 8 - 1)) || value >= 1n << BigInt(length * 8 - 1)) {
    length++;
  }
  if (size !== undefined) {
    if (length > size) return undefined;
    length = size;
  }
  const buf = Buffer.alloc(length);
  let v = BigInt.asUintN(length * 8, value);
  for (let i = length - 1; i >= 0; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return buf;
}

function fromTwosComplement(buf: Buffer): bigint {
  let v = 0n;
  for (const b of buf) v = (v << 8n) | BigInt(b);
  return buf.length > 0 && buf[0]! & 0x80 ? v - (1n << BigInt(buf.length * 8)) : v;
}

export class DecimalType extends EventcLogicalType {
  readonly precision: number;
  readonly scale: number;
  readonly size: number | undefined;

  constructor(schema: DecimalSchema, opts?: unknown) {
    super(schema, opts);
    this.precision = schema.precision;
    this.scale = schema.scale ?? 0;
    this.size = schema.size;
  }

  protected override sameEncoding(writer: InternalType): boolean {
    return writer.typeName === this.typeName && (writer as DecimalType).scale === this.scale;
  }

  _fromValue(value: unknown): string {
    const unscaled = fromTwosComplement(value as Buffer);
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const sign = unscaled < 0n ? '-' : '';
    if (this.scale === 0) return `${sign}${digits}`;
    const point = digits.length - this.scale;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }

  _toValue(value: unknown): Buffer | undefined {
    if (typeof value !== 'string') return undefined;
    const m = DECIMAL_RE.exec(value);
    if (!m) return undefined;
    const fraction = m[3] ?? '';
    if (fraction.length > this.scale) return undefined;
    const magnitude = BigInt(`${m[2]!}${fraction.padEnd(this.scale, '0')}`);
    if (magnitude.toString().length > this.precision) return undefined;
    return toTwosComplement(m[1] ? -magnitude : magnitude, this.size);
  }
}

export class UuidType extends EventcLogicalType {
  override _read(tap: Tap): string {
    return this.underlyingType._read(tap) as string;
  }
  _fromValue(value: unknown): string {
    return value as string;
  }
  _toValue(value: unknown): string | undefined {
    return typeof value === 'string' && UUID_RE.test(value) ? value : undefined;
  }
}

/** The value of an Avro `duration`. */
export interface Duration {
  months: number;
  days: number;
  milliseconds: number;
}

function isUint32(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
}

export class DurationType extends EventcLogicalType {
  _fromValue(value: unknown): Duration {
    const buf = value as Buffer;
    return {
      months: buf.readUInt32LE(0),
      days: buf.readUInt32LE(4),
      milliseconds: buf.readUInt32LE(8),
    };
  }
  _toValue(value: unknown): Buffer | undefined {
    if (!value || typeof value !== 'object') return undefined;
    const { months, days, milliseconds } = value as Partial<Duration>;
    if (!isUint32(months) || !isUint32(days) || !isUint32(milliseconds)) return undefined;
    const buf = Buffer.alloc(12);
    buf.writeUInt32LE(months, 0);
    buf.writeUInt32LE(days, 4);
    buf.writeUInt32LE(milliseconds, 8);
    return buf;
  }
}
