/**
 * Checks a default value against its schema (Avro 1.11 §"Complex Types / Records"):
 * JSON default encodings per type, unions defaulting to a value of any branch, records
 * needing every field without its own default.
 */
import type { Lookup, NamedType, Schema } from '../model/avro.js';
import { childPointer, isJsonObject } from './json.js';
import type { JsonValue } from './json.js';

/** Resolves a full name to the named type it denotes. */
export type { Lookup };

export interface DefaultMismatch {
  /** JSON pointer of the offending part, below the default's own pointer. */
  pointer: string;
  message: string;
  /** The default needs a value of a record still being defined: reported as it is. */
  endless?: boolean;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** A short description of a schema for messages, e.g. `"int"` or `record "com.x.Money"`. */
export function describeSchema(schema: Schema, lookup: Lookup): string {
  switch (schema.kind) {
    case 'primitive':
      return schema.logicalType
        ? `"${schema.type}" (${schema.logicalType.name})`
        : `"${schema.type}"`;
    case 'array':
      return 'an array';
    case 'map':
      return 'a map';
    case 'union':
      return 'a union';
    case 'ref':
      return `${lookup(schema.name)?.kind ?? 'type'} "${schema.name}"`;
  }
}

function latin1(value: JsonValue): value is string {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 255) return false;
  return true;
}

function primitiveProblem(type: string, value: JsonValue): string | undefined {
  switch (type) {
    case 'null':
      return value === null ? undefined : 'expected null';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'expected an integer';
      return value < INT_MIN || value > INT_MAX
        ? `out of the int range ${INT_MIN}..${INT_MAX}`
        : undefined;
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'expected an integer';
      // avsc (and the generated types) hold a long in a JavaScript number.
      return Number.isSafeInteger(value)
        ? undefined
        : 'outside -(2^53-1)..2^53-1, the integers a JavaScript number holds exactly';
    case 'float':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a number';
    case 'bytes':
      return latin1(value)
        ? undefined
        : 'expected a string of code points 0-255 (one per byte, e.g. "\\u00ff")';
    default:
      return typeof value === 'string' ? undefined : 'expected a string';
  }
}

function namedProblem(
  type: NamedType,
  value: JsonValue,
  lookup: Lookup,
  pointer: string,
  inProgress: ReadonlySet<string>,
): DefaultMismatch | undefined {
  const at = (message: string): DefaultMismatch => ({ pointer, message });
  switch (type.kind) {
    case 'enum':
      return typeof value === 'string' && type.symbols.includes(value)
        ? undefined
        : at(`expected one of the symbols ${JSON.stringify(type.symbols)}`);
    case 'fixed':
      if (!latin1(value)) return at('expected a string of code points 0-255 (one per byte)');
      return value.length === type.size
        ? undefined
        : at(`expected exactly ${type.size} bytes, got ${value.length}`);
    case 'record': {
      if (!isJsonObject(value)) return at('expected an object');
      for (const field of type.fields) {
        if (Object.hasOwn(value, field.name)) {
          const inner = value[field.name] as JsonValue;
          const found = checkDefault(
            field.type,
            inner,
            lookup,
            childPointer(pointer, field.name),
            inProgress,
          );
          if (found) return found;
        } else if (!field.default) {
          return at(`missing field ${JSON.stringify(field.name)}, which has no default`);
        }
      }
      return undefined;
    }
  }
}

/**
 * Whether `value` is a valid JSON default for `schema`; returns the first mismatch (with
 * its pointer, starting from `pointer`) or undefined.
 */
export function checkDefault(
  schema: Schema,
  value: JsonValue,
  lookup: Lookup,
  pointer = '',
  inProgress: ReadonlySet<string> = new Set(),
): DefaultMismatch | undefined {
  const wrap = (message: string | undefined): DefaultMismatch | undefined =>
    message === undefined
      ? undefined
      : {
          pointer,
          message: `default ${preview(value)} does not match ${describeSchema(schema, lookup)}: ${message}`,
        };
  switch (schema.kind) {
    case 'primitive':
      return wrap(primitiveProblem(schema.type, value));
    case 'array':
      if (!Array.isArray(value)) return wrap('expected an array');
      for (let i = 0; i < value.length; i++) {
        const found = checkDefault(
          schema.items,
          value[i] ?? null,
          lookup,
          childPointer(pointer, i),
          inProgress,
        );
        if (found) return found;
      }
      return undefined;
    case 'map':
      if (!isJsonObject(value)) return wrap('expected an object');
      for (const [k, v] of Object.entries(value)) {
        const found = checkDefault(schema.values, v, lookup, childPointer(pointer, k), inProgress);
        if (found) return found;
      }
      return undefined;
    case 'union': {
      // Avro 1.12 (AVRO-3649): the default may be a value of any branch; the first that takes
      // it is the one meant. eventc lint's UNION_DEFAULT_NOT_FIRST warns for older readers.
      if (schema.branches.length === 0) return wrap('an empty union has no values');
      let first: DefaultMismatch | undefined;
      for (const branch of schema.branches) {
        const found = checkDefault(branch, value, lookup, pointer, inProgress);
        if (!found) return undefined;
        if (found.endless) return found;
        first ??= found;
      }
      return wrap(`no branch of the union takes it (its first branch: ${first!.message})`);
    }
    case 'ref': {
      const named = lookup(schema.name);
      if (!named) return undefined;
      // Only a value that is an object needs the record's fields (else it is no record value).
      if (named.kind === 'record' && inProgress.has(named.name) && isJsonObject(value)) {
        // Apache Avro Java refuses it too ("Schema fields not set yet"), and so the registry.
        return {
          pointer,
          endless: true,
          message: `default ${preview(value)} is a value of record "${named.name}", which is still being defined here: a record cannot take a value of itself (or of a record enclosing it) as a default, since that value would never end; make the field nullable with a null default (["null", "${named.name}"], default null), or leave the default out`,
        };
      }
      const found = namedProblem(named, value, lookup, pointer, inProgress);
      if (
        !found ||
        found.endless ||
        found.pointer !== pointer ||
        found.message.startsWith('default ')
      )
        return found;
      return wrap(found.message);
    }
  }
}

function preview(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
