/** The named types a schema can reach, for the schema set of a file. */
import type { Lookup, NamedType, Schema } from '../model/avro.js';

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
