/**
 * Resolved schema nodes: a `ref` replaced by the named type it names. Node identity
 * matters: like Apache Avro's checker, results are memoized per (reader node, writer node)
 * object pair, which is what makes recursive types terminate.
 */
import type { NamedType, PrimitiveName, Schema, SchemaSet } from '../model/avro.js';

export type Node = Exclude<Schema, { kind: 'ref' }> | NamedType;

/** Apache Avro's `Schema.Type` names, used in Avro's own messages. */
export type AvroType =
  | 'NULL'
  | 'BOOLEAN'
  | 'INT'
  | 'LONG'
  | 'FLOAT'
  | 'DOUBLE'
  | 'BYTES'
  | 'STRING'
  | 'ARRAY'
  | 'MAP'
  | 'UNION'
  | 'RECORD'
  | 'ENUM'
  | 'FIXED';

export function resolve(schema: Schema, set: Pick<SchemaSet, 'named' | 'file'>): Node {
  if (schema.kind !== 'ref') return schema;
  const named = set.named.get(schema.name);
  if (!named) {
    throw new Error(`${set.file}: the type "${schema.name}" is not defined in the schema set`);
  }
  return named;
}

const PRIMITIVE_TYPES: Readonly<Record<PrimitiveName, AvroType>> = {
  null: 'NULL',
  boolean: 'BOOLEAN',
  int: 'INT',
  long: 'LONG',
  float: 'FLOAT',
  double: 'DOUBLE',
  bytes: 'BYTES',
  string: 'STRING',
};

export function avroType(node: Node): AvroType {
  switch (node.kind) {
    case 'primitive':
      return PRIMITIVE_TYPES[node.type];
    case 'array':
      return 'ARRAY';
    case 'map':
      return 'MAP';
    case 'union':
      return 'UNION';
    case 'record':
      return 'RECORD';
    case 'enum':
      return 'ENUM';
    case 'fixed':
      return 'FIXED';
  }
}

/** A short description of a type for people: `double`, `record "com.shop.Money"`, `array`. */
export function describeType(node: Node, set: Pick<SchemaSet, 'named' | 'file'>): string {
  switch (node.kind) {
    case 'primitive':
      return node.logicalType ? `${node.type} (${node.logicalType.name})` : node.type;
    case 'array':
      return `array of ${describeShort(resolve(node.items, set))}`;
    case 'map':
      return `map of ${describeShort(resolve(node.values, set))}`;
    case 'union':
      return `union [${node.branches.map((b) => describeShort(resolve(b, set))).join(', ')}]`;
    default:
      return `${node.kind} "${node.name}"`;
  }
}

function describeShort(node: Node): string {
  switch (node.kind) {
    case 'primitive':
      return node.type;
    case 'array':
    case 'map':
    case 'union':
      return node.kind;
    default:
      return node.name;
  }
}
