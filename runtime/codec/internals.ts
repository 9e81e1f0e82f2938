/**
 * The parts of avsc's internals that eventc's codec extends: the byte cursor (`Tap`) and the
 * per-type read/write/check methods. avsc's public typings leave them out, so they are
 * described here once and every codec file uses these views.
 */
import avro from 'avsc';

/** avsc's byte cursor. Reads past the end leave `pos > buf.length`; avsc checks afterwards. */
export interface Tap {
  buf: Buffer;
  pos: number;
}

export type ErrorHook = (value: unknown, type: unknown) => void;

/** The internal methods every avsc type has. */
export interface InternalType {
  readonly typeName: string;
  _read(tap: Tap): unknown;
  _write(tap: Tap, value: unknown): void;
  _skip(tap: Tap): void;
  _check(value: unknown, flags: unknown, hook?: ErrorHook, path?: string[]): boolean;
  _copy(value: unknown, opts?: { coerce?: number }): unknown;
  _update(resolver: Resolver, writer: InternalType, opts: unknown): void;
  createResolver(writer: InternalType, opts?: unknown): Resolver;
}

export interface Resolver {
  _read(tap: Tap, lazy?: boolean): unknown;
}

export interface InternalLogicalType extends InternalType {
  readonly underlyingType: InternalType;
}

export interface InternalMapType extends InternalType {
  readonly valuesType: InternalType;
}

export interface InternalEnumType extends InternalType {
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface InternalField {
  readonly name: string;
  readonly type: InternalType;
  defaultValue(): unknown;
}

export interface InternalRecordType extends InternalType {
  readonly fields: readonly InternalField[];
}

type Ctor<T> = new (schema?: unknown, opts?: unknown) => T;

const types = avro.types as unknown as Record<string, unknown>;

/** avsc's type classes, typed with their internal methods so they can be extended. */
export const avscTypes = {
  LongType: types['LongType'] as Ctor<InternalType>,
  MapType: types['MapType'] as Ctor<InternalMapType>,
  RecordType: types['RecordType'] as Ctor<InternalRecordType>,
  LogicalType: types['LogicalType'] as Ctor<InternalLogicalType>,
  EnumType: types['EnumType'] as Ctor<InternalEnumType>,
  WrappedUnionType: types['WrappedUnionType'] as Ctor<InternalType>,
  UnwrappedUnionType: types['UnwrappedUnionType'] as Ctor<InternalType>,
};

/** avsc's base `Type` constructor, to build a type on an object of another prototype. */
export const avscBaseType = avro.Type as unknown as (
  this: object,
  schema: unknown,
  opts: unknown,
) => void;

/** avsc's own error for a value that does not match its type. */
export function invalidValue(value: unknown, typeName: string): Error {
  return new Error(`invalid ${JSON.stringify(typeName)}: ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
