/**
 * The schema text eventc registers. Parsing Canonical Form cannot be registered: it drops
 * field defaults, aliases and logical types, so the registry's own compatibility check would
 * refuse every field added with a default. This form keeps everything schema resolution and
 * the registry's checks use (defaults, aliases, enum defaults, logical types) and leaves out
 * what does not change the data (docs, field order hints, custom properties), so a doc edit
 * never makes a new registry version. Named types are written in full at first use and by
 * full name afterwards; keys come in a fixed order, so the text is deterministic.
 */
import type { LogicalType, NamedType, Schema, SchemaSet } from '../model/avro.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function logical(type: string, lt: LogicalType | undefined): Json {
  if (!lt) return type;
  const out: { [key: string]: Json } = { type, logicalType: lt.name };
  if (lt.name === 'decimal') {
    out.precision = lt.precision;
    out.scale = lt.scale;
  }
  return out;
}

function withAliases(out: { [key: string]: Json }, aliases: readonly string[]): void {
  if (aliases.length > 0) out.aliases = [...aliases];
}

function named(type: NamedType, set: SchemaSet, seen: Set<string>): Json {
  switch (type.kind) {
    case 'record': {
      const out: { [key: string]: Json } = { type: type.isError ? 'error' : 'record' };
      out.name = type.name;
      withAliases(out, type.aliases);
      out.fields = type.fields.map((f) => {
        const field: { [key: string]: Json } = { name: f.name, type: toJson(f.type, set, seen) };
        if (f.default !== undefined) field.default = f.default.value as Json;
        withAliases(field, f.aliases);
        return field;
      });
      return out;
    }
    case 'enum': {
      const out: { [key: string]: Json } = { type: 'enum', name: type.name };
      withAliases(out, type.aliases);
      out.symbols = [...type.symbols];
      if (type.default !== undefined) out.default = type.default;
      return out;
    }
    case 'fixed': {
      const out: { [key: string]: Json } = { type: 'fixed', name: type.name };
      withAliases(out, type.aliases);
      out.size = type.size;
      const lt = type.logicalType;
      if (lt) {
        out.logicalType = lt.name;
        if (lt.name === 'decimal') {
          out.precision = lt.precision;
          out.scale = lt.scale;
        }
      }
      return out;
    }
  }
}

function toJson(schema: Schema, set: SchemaSet, seen: Set<string>): Json {
  switch (schema.kind) {
    case 'primitive':
      return logical(schema.type, schema.logicalType);
    case 'array':
      return { type: 'array', items: toJson(schema.items, set, seen) };
    case 'map':
      return { type: 'map', values: toJson(schema.values, set, seen) };
    case 'union':
      return schema.branches.map((b) => toJson(b, set, seen));
    case 'ref': {
      if (seen.has(schema.name)) return schema.name;
      seen.add(schema.name);
      const type = set.named.get(schema.name);
      if (!type) throw new Error(`internal error: unresolved type "${schema.name}" in ${set.file}`);
      return named(type, set, seen);
    }
  }
}

/** The JSON text registered for `set`: self-contained, deterministic, no whitespace. */
export function registrationText(set: SchemaSet): string {
  return JSON.stringify(toJson(set.root, set, new Set()));
}
