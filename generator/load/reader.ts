/**
 * Reads parsed schema JSON into the Avro model, collecting every problem instead of
 * stopping at the first. Named types are registered in document order (a type can be
 * used after its definition, and inside itself); references become `ref` nodes.
 */
import type {
  ArraySchema,
  MapSchema,
  NamedType,
  PrimitiveSchema,
  Schema,
  UnionSchema,
} from '../model/avro.js';
import { childPointer, isJsonObject } from './json.js';
import type { JsonObject, JsonValue } from './json.js';
import { readLogicalType } from './logical.js';
import type { Underlying } from './logical.js';
import {
  PRIMITIVES,
  didYouMean,
  isPrimitiveName,
  isValidFullName,
  referenceCandidates,
} from './names.js';
import { INVALID, NamedReader } from './reader-named.js';

export class SchemaReader extends NamedReader {
  constructor(
    file: string,
    readonly known: ReadonlyMap<string, NamedType>,
  ) {
    super(file);
  }

  lookup(name: string): NamedType | undefined {
    return this.defined.get(name) ?? this.known.get(name);
  }

  /** Reads any schema: a name, a union, or a schema object. */
  read(value: JsonValue, pointer: string, ns: string): Schema {
    if (typeof value === 'string') return this.readName(value, pointer, ns);
    if (Array.isArray(value)) return this.readUnion(value, pointer, ns);
    if (isJsonObject(value)) return this.readObject(value, pointer, ns);
    this.report(
      pointer,
      `a schema must be a type name, an array (union) or an object, not ${JSON.stringify(value)}`,
    );
    return INVALID;
  }

  readName(name: string, pointer: string, ns: string): Schema {
    if (isPrimitiveName(name)) return { kind: 'primitive', type: name };
    for (const candidate of referenceCandidates(name, ns)) {
      if (this.lookup(candidate)) return { kind: 'ref', name: candidate };
    }
    this.reportUnknown(name, pointer, ns);
    return INVALID;
  }

  reportUnknown(name: string, pointer: string, ns: string): void {
    if (!isValidFullName(name)) {
      this.report(pointer, `${JSON.stringify(name)} is not a valid type name`);
      return;
    }
    const candidates = referenceCandidates(name, ns);
    // A definition that failed was reported where it is; don't report each use too.
    if (candidates.some((c) => this.attempted.has(c))) return;
    const full = candidates[0] ?? name;
    const later = this.laterDefinitions.get(full) ?? this.laterDefinitions.get(name);
    if (later !== undefined) {
      this.report(
        pointer,
        `type ${JSON.stringify(full)} is used before its definition at ${JSON.stringify(later)}; Avro requires a named type to be defined before it is used, so move the definition here`,
      );
      return;
    }
    const names = [...this.defined.keys(), ...this.known.keys()];
    // A misspelt primitive (`strin`) is the likelier mistake for a simple name.
    const hint =
      (name.includes('.') ? '' : didYouMean(name, PRIMITIVES)) || didYouMean(full, names);
    this.report(pointer, `unknown type ${JSON.stringify(name)}.${hint}`);
  }

  readUnion(branches: JsonValue[], pointer: string, ns: string): UnionSchema {
    const seen = new Map<string, number>();
    const out: Schema[] = [];
    if (branches.length === 0) this.report(pointer, 'a union needs at least one branch');
    branches.forEach((branch, i) => {
      const at = childPointer(pointer, i);
      if (Array.isArray(branch)) {
        this.report(at, 'a union cannot contain another union directly');
        return;
      }
      const schema = this.read(branch, at, ns);
      out.push(schema);
      if (schema === INVALID) return;
      const key =
        schema.kind === 'primitive'
          ? schema.type
          : schema.kind === 'ref'
            ? schema.name
            : schema.kind;
      const first = seen.get(key);
      if (first !== undefined) {
        this.report(
          at,
          `duplicate union branch ${JSON.stringify(key)}: it already appears at index ${first}; a union may hold each type (and each named type) only once`,
        );
      } else {
        seen.set(key, i);
      }
    });
    return { kind: 'union', branches: out };
  }

  readObject(obj: JsonObject, pointer: string, ns: string): Schema {
    const type = obj.type;
    const at = childPointer(pointer, 'type');
    if (type === undefined) {
      this.report(pointer, 'a schema object needs a "type" attribute');
      return INVALID;
    }
    if (typeof type !== 'string') {
      this.report(
        at,
        `"type" must be a string such as "record" or "int", not ${JSON.stringify(type)}`,
      );
      return INVALID;
    }
    switch (type) {
      case 'record':
      case 'error':
        return this.readRecord(obj, pointer, ns);
      case 'enum':
        return this.readEnum(obj, pointer, ns);
      case 'fixed':
        return this.readFixed(obj, pointer, ns);
      case 'array':
        return this.readArray(obj, pointer, ns);
      case 'map':
        return this.readMap(obj, pointer, ns);
      default:
        if (isPrimitiveName(type)) return this.readPrimitive(type, obj, pointer);
        return this.readName(type, at, ns);
    }
  }

  readPrimitive(type: PrimitiveSchema['type'], obj: JsonObject, pointer: string): PrimitiveSchema {
    const on: Underlying = { primitive: type };
    const logicalType = readLogicalType(obj, on, pointer, this.logicalWarnings);
    return logicalType ? { kind: 'primitive', type, logicalType } : { kind: 'primitive', type };
  }

  readArray(obj: JsonObject, pointer: string, ns: string): ArraySchema | PrimitiveSchema {
    if (obj.items === undefined) {
      this.report(pointer, 'an array schema needs an "items" attribute');
      return INVALID;
    }
    return { kind: 'array', items: this.read(obj.items, childPointer(pointer, 'items'), ns) };
  }

  readMap(obj: JsonObject, pointer: string, ns: string): MapSchema | PrimitiveSchema {
    if (obj.values === undefined) {
      this.report(pointer, 'a map schema needs a "values" attribute');
      return INVALID;
    }
    return { kind: 'map', values: this.read(obj.values, childPointer(pointer, 'values'), ns) };
  }
}
