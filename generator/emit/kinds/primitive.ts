/**
 * Primitive types and logical types → TypeScript. The codec (`runtime/codec/avro-type.ts`)
 * produces and accepts exactly these; the type table of docs/generate.md lists them.
 */
import type { LogicalType, PrimitiveName } from '../../model/avro.js';

const PRIMITIVE: Record<PrimitiveName, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

const LOGICAL: Record<LogicalType['name'], string> = {
  decimal: 'string',
  uuid: 'string',
  date: 'string',
  'time-millis': 'number',
  'time-micros': 'number',
  'timestamp-millis': 'Date',
  'timestamp-micros': 'bigint',
  'local-timestamp-millis': 'string',
  'local-timestamp-micros': 'string',
  duration: 'Duration',
};

/** Runtime type names a TypeScript type expression needs imported. */
export const RUNTIME_TYPES: ReadonlySet<string> = new Set(['Duration']);

export function primitiveType(type: PrimitiveName, logical: LogicalType | undefined): string {
  return logical ? LOGICAL[logical.name] : PRIMITIVE[type];
}
