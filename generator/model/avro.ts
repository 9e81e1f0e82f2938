/**
 * The Avro schema model: plain data, no behaviour. The loader produces it, the
 * compatibility engine and the emitters read it. Named types are defined once, in the
 * `SchemaSet` that owns them, and referenced everywhere else by full name, so recursive
 * and shared types need no object cycles.
 */

export type PrimitiveName =
  'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** Logical types of the Avro 1.11 specification, with their parameters. */
export type LogicalType =
  | { name: 'decimal'; precision: number; scale: number }
  | { name: 'uuid' }
  | { name: 'date' }
  | { name: 'time-millis' }
  | { name: 'time-micros' }
  | { name: 'timestamp-millis' }
  | { name: 'timestamp-micros' }
  | { name: 'local-timestamp-millis' }
  | { name: 'local-timestamp-micros' }
  | { name: 'duration' };

export interface PrimitiveSchema {
  kind: 'primitive';
  type: PrimitiveName;
  /** Only set when valid for the underlying type; invalid ones are dropped per the spec. */
  logicalType?: LogicalType;
}

export interface ArraySchema {
  kind: 'array';
  items: Schema;
}

export interface MapSchema {
  kind: 'map';
  values: Schema;
}

export interface UnionSchema {
  kind: 'union';
  /** In Avro order: branch order carries wire meaning. */
  branches: Schema[];
}

/** A use of a named type (record, enum, fixed) defined in the schema set. */
export interface RefSchema {
  kind: 'ref';
  /** Full name, e.g. `com.shop.Money`. */
  name: string;
}

export type Schema = PrimitiveSchema | ArraySchema | MapSchema | UnionSchema | RefSchema;

interface NamedBase {
  /** Full name: namespace and short name joined by a dot. */
  name: string;
  namespace: string;
  shortName: string;
  /** Full names. */
  aliases: string[];
  doc?: string;
  /** Where the type was defined: file and JSON pointer inside it. */
  source: SourceLocation;
}

export interface Field {
  name: string;
  type: Schema;
  doc?: string;
  aliases: string[];
  /** Present only when the schema gives a default; the JSON value as written. */
  default?: { value: unknown };
  order?: 'ascending' | 'descending' | 'ignore';
}

export interface RecordType extends NamedBase {
  kind: 'record';
  /** Avro `error` records are records for every purpose here. */
  isError: boolean;
  fields: Field[];
}

export interface EnumType extends NamedBase {
  kind: 'enum';
  symbols: string[];
  default?: string;
}

export interface FixedType extends NamedBase {
  kind: 'fixed';
  size: number;
  logicalType?: LogicalType;
}

export type NamedType = RecordType | EnumType | FixedType;

/** Finds a named type by its full name. */
export type Lookup = (fullName: string) => NamedType | undefined;

export interface SourceLocation {
  /** Path of the file, relative to the project root, with `/` separators. */
  file: string;
  /** JSON pointer inside the file, e.g. `/fields/2/type`. Empty string for the root. */
  pointer: string;
}

/**
 * One parsed schema: its root and every named type it can reach (its own and the shared
 * ones it references), keyed by full name.
 */
export interface SchemaSet {
  root: Schema;
  named: ReadonlyMap<string, NamedType>;
  /** The file the root was read from. */
  file: string;
  /** Parsing Canonical Form of the root, with named types inlined at first use. */
  canonical: string;
  /** What the file says that is ignored, as the specification requires (logical types). */
  warnings?: readonly SchemaWarning[];
}

/** Something a schema file says that is ignored: where, and why. */
export interface SchemaWarning {
  file: string;
  /** JSON pointer inside the file. */
  pointer: string;
  message: string;
}
