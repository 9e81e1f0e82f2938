/**
 * `avroType`: the one place where eventc builds avsc codecs. Generated code, the runtime,
 * the tests and the benchmark all use it, so a value's TypeScript type and its codec always
 * agree on these choices:
 * - `long` is a `number`; encoding and decoding refuse values beyond ±(2^53 − 1) with
 *   `LongRangeError` instead of losing precision (see `long.ts`).
 * - A union with at most one non-null branch is unwrapped (`T | null`); a union with two or
 *   more non-null branches is wrapped: `{ "<branch name>": value }` (or `null`), where the
 *   branch name is the full name of a named type or the (underlying) type name such as
 *   `string`, `long`, `array`, `map`. A union's default may be a value of any branch, as
 *   Avro 1.12 allows (see `union.ts`).
 * - Maps decode into prototype-less objects, so any key (`__proto__` too) is an own property;
 *   records with a field named `__proto__` are decoded the same safe way.
 * - Logical types map to the TypeScript types documented in `logical-*.ts`.
 */
import avro, { type Type } from 'avsc';
import type { InternalType } from './internals.js';
import { safeLong } from './long.js';
import { SafeMapType, SafeRecordType, UNSAFE_FIELD_NAMES } from './containers.js';
import { SafeEnumType } from './enum.js';
import {
  DateType,
  LocalTimestampMicrosType,
  LocalTimestampMillisType,
  TimeMicrosType,
  TimeMillisType,
  TimestampMicrosType,
  TimestampMillisType,
} from './logical-time.js';
import { DecimalType, DurationType, UuidType } from './logical-bytes.js';
import { UnwrappedUnionType, WrappedUnionType } from './union.js';

export { LongRangeError } from './long.js';
export type { Duration } from './logical-bytes.js';

export interface AvroTypeOptions {
  /** Namespace for unqualified names in the schema. */
  namespace?: string;
}

type SchemaObject = Record<string, unknown>;
type LogicalCtor = new (schema: never, opts?: unknown) => InternalType;

/** Logical type name → class and the underlying Avro type it applies to. */
const LOGICAL: Record<
  string,
  { ctor: LogicalCtor; on: string; valid?: (s: SchemaObject) => boolean }
> = {
  decimal: { ctor: DecimalType, on: 'bytes|fixed', valid: validDecimal },
  uuid: { ctor: UuidType, on: 'string' },
  date: { ctor: DateType, on: 'int' },
  'time-millis': { ctor: TimeMillisType, on: 'int' },
  'time-micros': { ctor: TimeMicrosType, on: 'long' },
  'timestamp-millis': { ctor: TimestampMillisType, on: 'long' },
  'timestamp-micros': { ctor: TimestampMicrosType, on: 'long' },
  'local-timestamp-millis': { ctor: LocalTimestampMillisType, on: 'long' },
  'local-timestamp-micros': { ctor: LocalTimestampMicrosType, on: 'long' },
  duration: { ctor: DurationType, on: 'fixed', valid: (s) => s['size'] === 12 },
};

function validDecimal(s: SchemaObject): boolean {
  const precision = s['precision'];
  const scale = s['scale'] ?? 0;
  if (!Number.isInteger(precision) || (precision as number) < 1) return false;
  if (
    !Number.isInteger(scale) ||
    (scale as number) < 0 ||
    (scale as number) > (precision as number)
  ) {
    return false;
  }
  if (s['type'] === 'fixed') {
    const size = s['size'] as number;
    return (precision as number) <= Math.floor(Math.log10(2) * (8 * size - 1));
  }
  return true;
}

function nonNullBranches(branches: unknown[]): number {
  return branches.filter((b) => b !== 'null' && (b as SchemaObject)?.['type'] !== 'null').length;
}

/** Builds avsc types with eventc's choices; `building` marks logical schemas being built. */
function createHook(): (schema: unknown, opts: unknown) => Type | undefined {
  const building = new WeakSet<object>();
  return (schema, opts) => {
    if (schema === 'long') return safeLong as unknown as Type;
    if (Array.isArray(schema)) {
      const Union = nonNullBranches(schema) > 1 ? WrappedUnionType : UnwrappedUnionType;
      return new Union(schema, opts) as unknown as Type;
    }
    if (typeof schema !== 'object' || schema === null) return undefined;
    const s = schema as SchemaObject;
    const logical = typeof s['logicalType'] === 'string' ? LOGICAL[s['logicalType']] : undefined;
    if (
      logical &&
      !building.has(s) &&
      logical.on.split('|').includes(s['type'] as string) &&
      (logical.valid?.(s) ?? true)
    ) {
      building.add(s);
      try {
        return new logical.ctor(s as never, opts) as unknown as Type;
      } finally {
        building.delete(s);
      }
    }
    switch (s['type']) {
      case 'long':
        return safeLong as unknown as Type;
      case 'map':
        return new SafeMapType(s, opts) as unknown as Type;
      case 'enum':
        return new SafeEnumType(s as never, opts) as unknown as Type;
      case 'record':
      case 'error': {
        const fields = Array.isArray(s['fields']) ? (s['fields'] as SchemaObject[]) : [];
        if (fields.some((f) => UNSAFE_FIELD_NAMES.has(f['name'] as string))) {
          return new SafeRecordType(s, opts) as unknown as Type;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
}

/**
 * Builds the avsc `Type` for a schema (an object, its JSON text or a primitive name) with eventc's long,
 * union, map and logical-type handling.
 */
export function avroType(schema: object | string, opts: AvroTypeOptions = {}): Type {
  const parsed: unknown =
    typeof schema === 'string' && /^\s*[[{"]/.test(schema) ? JSON.parse(schema) : schema;
  return avro.Type.forSchema(parsed as avro.Schema, {
    typeHook: createHook() as never,
    // Type names such as `toString` must not find Object.prototype members.
    registry: Object.create(null) as Record<string, Type>,
    wrapUnions: 'auto',
    ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
  });
}

/** A codec typed with the generated read and write types of one schema. */
export interface AvroCodec<TRead, TWrite = TRead> {
  /** The avsc type (from `avroType`). */
  readonly type: Type;
  /** Encodes a value of the write type; throws when it does not match the schema. */
  encode(value: TWrite): Buffer;
  /** Decodes data written with this same schema. */
  decode(buffer: Buffer): TRead;
  /** Decodes data written with another (compatible) schema, by Avro schema resolution. */
  decodeFrom(buffer: Buffer, writer: Type): TRead;
  /** Whether `value` can be encoded; `errorHook` gets the path of every bad field. */
  isValid(value: unknown, errorHook?: (path: string[]) => void): value is TWrite;
}

/** `avroType` with the generated TypeScript types attached (used by plain-mode output). */
export function avroCodec<TRead, TWrite = TRead>(
  schema: object | string,
  opts: AvroTypeOptions = {},
): AvroCodec<TRead, TWrite> {
  const type = avroType(schema, opts);
  const resolvers = new WeakMap<Type, ReturnType<Type['createResolver']>>();
  return {
    type,
    encode: (value) => type.toBuffer(value),
    decode: (buffer) => type.fromBuffer(buffer) as TRead,
    decodeFrom: (buffer, writer) => {
      let resolver = resolvers.get(writer);
      if (!resolver) {
        resolver = type.createResolver(writer);
        resolvers.set(writer, resolver);
      }
      return type.fromBuffer(buffer, resolver) as TRead;
    },
    isValid: (value: unknown, errorHook?: (path: string[]) => void): value is TWrite =>
      type.isValid(value, errorHook ? { errorHook: (path) => errorHook(path) } : undefined),
  };
}
