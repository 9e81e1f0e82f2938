/**
 * Parsing Canonical Form (Avro 1.11 §"Parsing Canonical Form for Schemas"): primitives as
 * strings, full names, only `name`, `type`, `fields`, `symbols`, `items`, `values`, `size`
 * in that order, no whitespace; each named type written in full at its first occurrence
 * and by name afterwards.
 */
import type { NamedType, Schema } from '../model/avro.js';
import type { Lookup } from './defaults.js';

const q = JSON.stringify;

function named(type: NamedType, lookup: Lookup, seen: Set<string>): string {
  const head = `{"name":${q(type.name)},"type":`;
  switch (type.kind) {
    case 'record': {
      const fields = type.fields.map(
        (f) => `{"name":${q(f.name)},"type":${write(f.type, lookup, seen)}}`,
      );
      return `${head}${q(type.isError ? 'error' : 'record')},"fields":[${fields.join(',')}]}`;
    }
    case 'enum':
      return `${head}"enum","symbols":[${type.symbols.map((s) => q(s)).join(',')}]}`;
    case 'fixed':
      return `${head}"fixed","size":${type.size}}`;
  }
}

function write(schema: Schema, lookup: Lookup, seen: Set<string>): string {
  switch (schema.kind) {
    case 'primitive':
      return q(schema.type);
    case 'array':
      return `{"type":"array","items":${write(schema.items, lookup, seen)}}`;
    case 'map':
      return `{"type":"map","values":${write(schema.values, lookup, seen)}}`;
    case 'union':
      return `[${schema.branches.map((b) => write(b, lookup, seen)).join(',')}]`;
    case 'ref': {
      if (seen.has(schema.name)) return q(schema.name);
      seen.add(schema.name);
      const type = lookup(schema.name);
      if (!type) throw new Error(`internal error: unresolved type "${schema.name}"`);
      return named(type, lookup, seen);
    }
  }
}

/** Parsing Canonical Form of `schema`, resolving named types with `lookup`. */
export function canonicalForm(schema: Schema, lookup: Lookup): string {
  return write(schema, lookup, new Set());
}

/**
 * Named types reachable from `schema`, in order of first occurrence (the order in which
 * canonical form writes them in full).
 */
export function reachableTypes(schema: Schema, lookup: Lookup): Map<string, NamedType> {
  const out = new Map<string, NamedType>();
  const visit = (s: Schema): void => {
    switch (s.kind) {
      case 'array':
        return visit(s.items);
      case 'map':
        return visit(s.values);
      case 'union':
        return s.branches.forEach(visit);
      case 'ref': {
        if (out.has(s.name)) return;
        const type = lookup(s.name);
        if (!type) return;
        out.set(s.name, type);
        if (type.kind === 'record') type.fields.forEach((f) => visit(f.type));
        return;
      }
      default:
        return;
    }
  };
  visit(schema);
  return out;
}
