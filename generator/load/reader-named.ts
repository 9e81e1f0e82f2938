/**
 * Reading of named types (record, error, enum, fixed) and record fields: names,
 * namespaces, aliases, docs, symbols, sizes. Part of the schema reader; the base class
 * holds the problem list and the types defined so far.
 */
import type { Problem } from '../errors.js';
import type {
  EnumType,
  Field,
  FixedType,
  NamedType,
  PrimitiveSchema,
  RecordType,
  Schema,
} from '../model/avro.js';
import { childPointer, isJsonObject } from './json.js';
import type { JsonObject, JsonValue } from './json.js';
import { readLogicalType } from './logical.js';
import type { LogicalWarning } from './logical.js';
import {
  fullName,
  isPrimitiveName,
  isValidFullName,
  isValidName,
  isValidNamespace,
  nameRule,
} from './names.js';
import type { FullName } from './names.js';

/** Stand-in for a schema that could not be read; never escapes (problems are thrown). */
export const INVALID: PrimitiveSchema = { kind: 'primitive', type: 'null' };

/** A default value waiting to be checked once every type is known. */
export interface PendingDefault {
  schema: Schema;
  value: JsonValue;
  pointer: string;
  /** Records whose definition encloses the field: their fields are not all known yet. */
  inProgress: ReadonlySet<string>;
}

const ORDERS = new Set(['ascending', 'descending', 'ignore']);

type Header = Pick<NamedType, 'name' | 'namespace' | 'shortName' | 'aliases' | 'doc' | 'source'>;

export abstract class NamedReader {
  readonly problems: Problem[] = [];
  /** Logical types ignored as invalid: warnings, not problems. */
  readonly logicalWarnings: LogicalWarning[] = [];
  /** Named types defined in this file so far, in definition order. */
  readonly defined = new Map<string, NamedType>();
  readonly pendingDefaults: PendingDefault[] = [];
  /** Full names of the records being read, outermost first. */
  private readonly recordsInProgress: string[] = [];
  /** Every named type the file defines (full name → pointer), to explain forward uses. */
  laterDefinitions: ReadonlyMap<string, string> = new Map();
  /** Full names whose definition was attempted, valid or not. */
  readonly attempted = new Set<string>();

  constructor(readonly file: string) {}

  abstract read(value: JsonValue, pointer: string, ns: string): Schema;
  abstract lookup(name: string): NamedType | undefined;

  report(pointer: string, message: string): void {
    this.problems.push({ file: this.file, pointer: pointer || '/', message });
  }

  docOf(obj: JsonObject, pointer: string): string | undefined {
    if (obj.doc === undefined) return undefined;
    if (typeof obj.doc === 'string') return obj.doc;
    this.report(childPointer(pointer, 'doc'), '"doc" must be a string');
    return undefined;
  }

  stringList(obj: JsonObject, key: string, pointer: string): string[] {
    const value = obj[key];
    if (value === undefined) return [];
    const at = childPointer(pointer, key);
    if (!Array.isArray(value)) {
      this.report(at, `"${key}" must be an array of strings`);
      return [];
    }
    const out: string[] = [];
    value.forEach((v, i) => {
      if (typeof v === 'string') out.push(v);
      else
        this.report(
          childPointer(at, i),
          `"${key}" must contain only strings, not ${JSON.stringify(v)}`,
        );
    });
    return out;
  }

  readFullName(obj: JsonObject, pointer: string, ns: string): FullName | undefined {
    const { name, namespace } = obj;
    if (typeof name !== 'string') {
      this.report(pointer, `a ${String(obj.type)} needs a "name" string`);
      return undefined;
    }
    let nsAttr: string | undefined;
    if (typeof namespace === 'string') {
      if (isValidNamespace(namespace)) nsAttr = namespace;
      else
        this.report(
          childPointer(pointer, 'namespace'),
          `namespace ${JSON.stringify(namespace)} is not valid: it must be empty (the null namespace) or dot-separated Avro names`,
        );
    } else if (namespace !== undefined && namespace !== null) {
      this.report(childPointer(pointer, 'namespace'), '"namespace" must be a string');
    }
    if (!isValidFullName(name)) {
      const part = name.split('.').find((p) => !isValidName(p)) ?? name;
      const what = part === name ? 'name' : `in name ${JSON.stringify(name)}, part`;
      this.report(childPointer(pointer, 'name'), nameRule(what, part));
      return undefined;
    }
    const full = fullName(name, nsAttr, ns);
    this.attempted.add(full.name);
    return full;
  }

  /** Reads name, namespace, aliases and doc; registers nothing. */
  readHeader(obj: JsonObject, pointer: string, ns: string): Header | undefined {
    const full = this.readFullName(obj, pointer, ns);
    const doc = this.docOf(obj, pointer);
    const aliases = this.stringList(obj, 'aliases', pointer).flatMap((alias, i) => {
      if (isValidFullName(alias)) return [fullName(alias, undefined, full?.namespace ?? ns).name];
      this.report(childPointer(pointer, 'aliases', i), nameRule('alias', alias));
      return [];
    });
    if (!full) return undefined;
    const at = childPointer(pointer, 'name');
    // Apache Avro only forbids a primitive as the full name; a short name "string" in a
    // namespace is allowed there but could only be referenced by its full name, so it is
    // rejected here too.
    if (isPrimitiveName(full.shortName)) {
      this.report(
        at,
        `a named type cannot be called ${JSON.stringify(full.shortName)}, a primitive type name`,
      );
      return undefined;
    }
    const existing = this.lookup(full.name);
    if (existing) {
      const where = `${existing.source.file}:${existing.source.pointer || '/'}`;
      this.report(
        at,
        `type ${JSON.stringify(full.name)} is already defined at ${where}; a full name can be defined only once`,
      );
      return undefined;
    }
    const header: Header = { ...full, aliases, source: { file: this.file, pointer } };
    if (doc !== undefined) header.doc = doc;
    return header;
  }

  readRecord(obj: JsonObject, pointer: string, ns: string): Schema {
    const header = this.readHeader(obj, pointer, ns);
    const record: RecordType | undefined = header && {
      kind: 'record',
      ...header,
      isError: obj.type === 'error',
      fields: [],
    };
    if (record) this.defined.set(record.name, record);
    const inner = record?.namespace ?? ns;
    if (!Array.isArray(obj.fields)) {
      this.report(pointer, `a ${String(obj.type)} needs a "fields" array`);
      return record ? { kind: 'ref', name: record.name } : INVALID;
    }
    const names = new Map<string, number>();
    if (record) this.recordsInProgress.push(record.name);
    obj.fields.forEach((f, i) => {
      const field = this.readField(f, childPointer(pointer, 'fields', i), inner);
      if (!field) return;
      const first = names.get(field.name);
      if (first !== undefined) {
        this.report(
          childPointer(pointer, 'fields', i, 'name'),
          `duplicate field name ${JSON.stringify(field.name)}: field ${first} has the same name`,
        );
      } else names.set(field.name, i);
      record?.fields.push(field);
    });
    if (record) this.recordsInProgress.pop();
    return record ? { kind: 'ref', name: record.name } : INVALID;
  }

  readField(value: JsonValue, pointer: string, ns: string): Field | undefined {
    if (!isJsonObject(value)) {
      this.report(pointer, 'a field must be an object with "name" and "type"');
      return undefined;
    }
    const { name, type, order } = value;
    let ok = true;
    if (typeof name !== 'string') {
      this.report(pointer, 'a field needs a "name" string');
      ok = false;
    } else if (!isValidName(name)) {
      this.report(childPointer(pointer, 'name'), nameRule('field name', name));
      ok = false;
    }
    const doc = this.docOf(value, pointer);
    const aliases = this.stringList(value, 'aliases', pointer).filter((alias, i) => {
      if (isValidName(alias)) return true;
      this.report(childPointer(pointer, 'aliases', i), nameRule('field alias', alias));
      return false;
    });
    if (order !== undefined && (typeof order !== 'string' || !ORDERS.has(order))) {
      this.report(
        childPointer(pointer, 'order'),
        `"order" must be "ascending", "descending" or "ignore", not ${JSON.stringify(order)}`,
      );
    }
    if (type === undefined) {
      this.report(pointer, `field ${JSON.stringify(name ?? '')} needs a "type"`);
      return undefined;
    }
    const before = this.problems.length;
    const schema = this.read(type, childPointer(pointer, 'type'), ns);
    // A default is only checked against a type that was read without problems.
    const typeOk = this.problems.length === before;
    if (!ok || typeof name !== 'string') return undefined;
    const field: Field = { name, type: schema, aliases };
    if (doc !== undefined) field.doc = doc;
    if (typeof order === 'string' && ORDERS.has(order)) field.order = order as Field['order'];
    if (Object.hasOwn(value, 'default')) {
      const dflt = value.default as JsonValue;
      field.default = { value: dflt };
      if (typeOk) {
        this.pendingDefaults.push({
          schema,
          value: dflt,
          pointer: childPointer(pointer, 'default'),
          inProgress: new Set(this.recordsInProgress),
        });
      }
    }
    return field;
  }

  readEnum(obj: JsonObject, pointer: string, ns: string): Schema {
    const header = this.readHeader(obj, pointer, ns);
    const at = childPointer(pointer, 'symbols');
    if (obj.symbols === undefined) this.report(pointer, 'an enum needs a "symbols" array');
    const symbols = this.stringList(obj, 'symbols', pointer);
    const seen = new Set<string>();
    symbols.forEach((s, i) => {
      if (!isValidName(s)) this.report(childPointer(at, i), nameRule('enum symbol', s));
      else if (seen.has(s))
        this.report(childPointer(at, i), `duplicate enum symbol ${JSON.stringify(s)}`);
      seen.add(s);
    });
    let dflt: string | undefined;
    if (obj.default !== undefined) {
      if (typeof obj.default === 'string' && seen.has(obj.default)) dflt = obj.default;
      else
        this.report(
          childPointer(pointer, 'default'),
          `enum default ${JSON.stringify(obj.default)} is not one of its symbols ${JSON.stringify(symbols)}`,
        );
    }
    if (!header) return INVALID;
    const type: EnumType = { kind: 'enum', ...header, symbols };
    if (dflt !== undefined) type.default = dflt;
    this.defined.set(type.name, type);
    return { kind: 'ref', name: type.name };
  }

  readFixed(obj: JsonObject, pointer: string, ns: string): Schema {
    const header = this.readHeader(obj, pointer, ns);
    const size = obj.size;
    const validSize = typeof size === 'number' && Number.isSafeInteger(size) && size >= 0;
    if (!validSize) {
      const at = size === undefined ? pointer : childPointer(pointer, 'size');
      this.report(
        at,
        `a fixed needs a "size" that is a non-negative integer, not ${JSON.stringify(size ?? null)}`,
      );
    }
    const logicalType = validSize
      ? readLogicalType(obj, { fixedSize: size }, pointer, this.logicalWarnings)
      : undefined;
    if (!header || !validSize) return INVALID;
    const type: FixedType = { kind: 'fixed', ...header, size };
    if (logicalType) type.logicalType = logicalType;
    this.defined.set(type.name, type);
    return { kind: 'ref', name: type.name };
  }
}
