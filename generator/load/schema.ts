/**
 * `parseSchema`: one Avro schema file in, a validated `SchemaSet` out, or an InputError
 * listing every problem with the file and JSON pointer. Shared named types from other
 * files come in through `known` and are resolved by full name.
 */
import { InputError } from '../errors.js';
import type { NamedType, SchemaSet } from '../model/avro.js';
import { canonicalForm } from '../model/schema-text.js';
import { reachableTypes } from './reachable.js';
import { checkDefault } from './defaults.js';
import { parseJson } from './json.js';
import type { JsonValue } from './json.js';
import { SchemaReader } from './reader.js';
import { scanNames } from './scan.js';

export interface ParseSchemaOptions {
  /** Named types defined in other files (e.g. shared types), keyed by full name. */
  known?: ReadonlyMap<string, NamedType>;
}

/** Largest schema file accepted, in UTF-16 code units (about bytes for ASCII text). */
export const MAX_SCHEMA_SIZE = 4 * 1024 * 1024;

/** Parses and validates the Avro schema in `text`; `file` is used in problems. */
export function parseSchema(
  text: string,
  file: string,
  options: ParseSchemaOptions = {},
): SchemaSet {
  if (text.length > MAX_SCHEMA_SIZE) {
    const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
    throw new InputError([
      {
        file,
        message: `schema file is ${mb(text.length)} MB, more than the limit of ${mb(MAX_SCHEMA_SIZE)} MB`,
      },
    ]);
  }
  return parseSchemaJson(parseJson(text, file), file, options);
}

/** Throws InputError when a schema file of `size` characters or bytes is too large. */
export function checkSchemaSize(size: number, file: string): void {
  if (size <= MAX_SCHEMA_SIZE) return;
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
  throw new InputError([
    {
      file,
      message: `schema file is ${mb(size)} MB, more than the limit of ${mb(MAX_SCHEMA_SIZE)} MB`,
    },
  ]);
}

/** As `parseSchema`, for JSON that is already parsed (with `parseJson`). */
export function parseSchemaJson(
  json: JsonValue,
  file: string,
  options: ParseSchemaOptions = {},
): SchemaSet {
  const reader = new SchemaReader(file, options.known ?? new Map());
  reader.laterDefinitions = scanNames(json).defines;
  const root = reader.read(json, '', '');
  const lookup = (name: string): NamedType | undefined => reader.lookup(name);
  for (const pending of reader.pendingDefaults) {
    const found = checkDefault(
      pending.schema,
      pending.value,
      lookup,
      pending.pointer,
      pending.inProgress,
    );
    if (found) reader.report(found.pointer, found.message);
  }
  if (reader.problems.length > 0) throw new InputError(reader.problems);
  const set: SchemaSet = {
    root,
    named: reachableTypes(root, lookup),
    file,
    canonical: canonicalForm(root, lookup),
  };
  if (reader.logicalWarnings.length > 0) {
    set.warnings = reader.logicalWarnings.map((w) => ({ file, ...w }));
  }
  return set;
}
