/**
 * Seeded random values for a schema, from the model: a value of the write type (fields with
 * defaults sometimes left out) and the value the codec must decode it to (defaults filled,
 * decimals at full scale). Generated independently of the codec, so a round trip through
 * `avroType` proves that types and codec agree.
 */
import type { LogicalType, Schema, SchemaSet } from '../../generator/model/avro.js';
import { branchName } from '../../generator/emit/kinds/schema-type.js';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Pair {
  write: unknown;
  read: unknown;
}

const same = (v: unknown): Pair => ({ write: v, read: v });
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const STRINGS = [
  '',
  'a',
  '__proto__',
  'constructor',
  'ünïcødé ✓',
  '😀 emoji',
  'x'.repeat(40),
  'quote\'"\\',
];
const pad = (n: number | bigint, w: number): string => String(n).padStart(w, '0');

function isNull(s: Schema): boolean {
  return s.kind === 'primitive' && s.type === 'null';
}

function randomLong(rng: Rng): number {
  return pick(rng, [
    0,
    -1,
    1,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    int(rng, -1e15, 1e15),
  ]);
}

function randomLogical(lt: LogicalType, rng: Rng, size?: number): Pair {
  switch (lt.name) {
    case 'decimal': {
      const maxDigits = lt.precision;
      const digits = Array.from({ length: int(rng, 1, maxDigits) }, () => int(rng, 0, 9)).join('');
      const magnitude = BigInt(digits);
      const sign = rng() < 0.5 && magnitude !== 0n ? '-' : '';
      const text = magnitude.toString().padStart(lt.scale + 1, '0');
      const value = lt.scale === 0 ? text : `${text.slice(0, -lt.scale)}.${text.slice(-lt.scale)}`;
      return same(`${sign}${value}`);
    }
    case 'uuid': {
      const hex = (n: number): string =>
        Array.from({ length: n }, () => int(rng, 0, 15).toString(16)).join('');
      return same(`${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`);
    }
    case 'date':
      return same(new Date(int(rng, -40000, 40000) * 86_400_000).toISOString().slice(0, 10));
    case 'time-millis':
      return same(int(rng, 0, 86_399_999));
    case 'time-micros':
      return same(int(rng, 0, 86_399_999_999));
    case 'timestamp-millis':
      return same(new Date(int(rng, -1e12, 4e12)));
    case 'timestamp-micros':
      return same(
        pick(rng, [-(2n ** 63n), 2n ** 63n - 1n, BigInt(int(rng, -1e15, 1e15)) * 1000n + 7n]),
      );
    case 'local-timestamp-millis':
      return same(new Date(int(rng, -1e12, 4e12)).toISOString().slice(0, -1));
    case 'local-timestamp-micros':
      return same(
        `${new Date(int(rng, -1e12, 4e12)).toISOString().slice(0, -1)}${pad(int(rng, 0, 999), 3)}`,
      );
    case 'duration':
      return same({
        months: int(rng, 0, 2 ** 32 - 1),
        days: int(rng, 0, 1000),
        milliseconds: int(rng, 0, 2 ** 32 - 1),
      });
  }
  throw new Error(`no generator for ${size}`);
}

export class ValueGenerator {
  constructor(
    private readonly set: SchemaSet,
    private readonly rng: Rng,
  ) {}

  value(schema: Schema, depth = 0): Pair {
    const rng = this.rng;
    switch (schema.kind) {
      case 'primitive':
        if (schema.logicalType) return randomLogical(schema.logicalType, rng);
        switch (schema.type) {
          case 'null':
            return same(null);
          case 'boolean':
            return same(rng() < 0.5);
          case 'int':
            return same(pick(rng, [0, -1, 2147483647, -2147483648, int(rng, -1e6, 1e6)]));
          case 'long':
            return same(randomLong(rng));
          case 'float':
            return same(Math.fround((rng() - 0.5) * 1e6));
          case 'double':
            return same((rng() - 0.5) * 1e300);
          case 'bytes':
            return same(
              Buffer.from(Array.from({ length: int(rng, 0, 8) }, () => int(rng, 0, 255))),
            );
          case 'string':
            return same(pick(rng, STRINGS));
        }
        break;
      case 'array': {
        const n = depth > 3 ? 0 : int(rng, 0, 3);
        const items = Array.from({ length: n }, () => this.value(schema.items, depth + 1));
        return { write: items.map((p) => p.write), read: items.map((p) => p.read) };
      }
      case 'map': {
        const keys =
          depth > 3
            ? []
            : [...new Set(Array.from({ length: int(rng, 0, 3) }, () => pick(rng, STRINGS)))];
        const write: Record<string, unknown> = {};
        const read = Object.create(null) as Record<string, unknown>;
        for (const k of keys) {
          const p = this.value(schema.values, depth + 1);
          Object.defineProperty(write, k, {
            value: p.write,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          read[k] = p.read;
        }
        return { write, read };
      }
      case 'union': {
        const nonNull = schema.branches.filter((b) => !isNull(b));
        const hasNull = nonNull.length < schema.branches.length;
        if (hasNull && (depth > 3 || rng() < 0.25)) return same(null);
        const branch = pick(rng, nonNull);
        const p = this.value(branch, depth + 1);
        if (nonNull.length <= 1) return p;
        const key = branchName(branch);
        return { write: { [key]: p.write }, read: { [key]: p.read } };
      }
      case 'ref':
        return this.named(schema.name, depth);
    }
    throw new Error('unreachable');
  }

  private named(name: string, depth: number): Pair {
    const type = this.set.named.get(name)!;
    const rng = this.rng;
    if (type.kind === 'enum') return same(pick(rng, type.symbols));
    if (type.kind === 'fixed') {
      if (type.logicalType) return randomLogical(type.logicalType, rng, type.size);
      return same(Buffer.from(Array.from({ length: type.size }, () => int(rng, 0, 255))));
    }
    const write: Record<string, unknown> = {};
    const read: Record<string, unknown> = {};
    for (const field of type.fields) {
      const define = (target: Record<string, unknown>, v: unknown): void => {
        Object.defineProperty(target, field.name, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      };
      if (field.default !== undefined && rng() < 0.3) {
        define(read, this.fromDefault(field.type, field.default.value));
        continue;
      }
      const p = this.value(field.type, depth + 1);
      define(write, p.write);
      define(read, p.read);
    }
    return { write, read };
  }

  /** A field default (JSON, as the schema gives it) as the decoded value. */
  fromDefault(schema: Schema, json: unknown): unknown {
    switch (schema.kind) {
      case 'primitive': {
        const lt = schema.logicalType;
        if (lt?.name === 'timestamp-millis') return new Date(json as number);
        if (lt?.name === 'timestamp-micros') return BigInt(json as number);
        if (lt) throw new Error(`no default conversion for ${lt.name}`);
        if (schema.type === 'bytes') return Buffer.from(json as string, 'latin1');
        return json;
      }
      case 'array':
        return (json as unknown[]).map((v) => this.fromDefault(schema.items, v));
      case 'map': {
        const out = Object.create(null) as Record<string, unknown>;
        for (const [k, v] of Object.entries(json as object))
          out[k] = this.fromDefault(schema.values, v);
        return out;
      }
      case 'union': {
        const first = schema.branches[0]!;
        const value = this.fromDefault(first, json);
        const nonNull = schema.branches.filter((b) => !isNull(b)).length;
        return isNull(first) || nonNull <= 1 ? value : { [branchName(first)]: value };
      }
      case 'ref': {
        const type = this.set.named.get(schema.name)!;
        if (type.kind === 'enum') return json;
        if (type.kind === 'fixed') return Buffer.from(json as string, 'latin1');
        const out: Record<string, unknown> = {};
        for (const f of type.fields) {
          const given = (json as Record<string, unknown>)[f.name];
          out[f.name] = this.fromDefault(f.type, given === undefined ? f.default?.value : given);
        }
        return out;
      }
    }
  }
}
