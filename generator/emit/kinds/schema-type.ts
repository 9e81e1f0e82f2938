/** Any schema → its TypeScript read and write types, dispatching to one emitter per kind. */
import type { Schema } from '../../model/avro.js';
import { arrayType, mapType } from './collection.js';
import type { TypeSlot } from '../naming.js';
import { primitiveType, RUNTIME_TYPES } from './primitive.js';
import { unionType } from './union.js';

export interface TypeExpr {
  read: string;
  write: string;
  /** Whether the expression is a top-level union (needs parentheses inside `T[]`). */
  union: boolean;
  /** The members of a top-level union, for laying it out one per line. */
  parts?: { read: string[]; write: string[] };
}

export interface TypeContext {
  /** Full name → slot, for the schema set being emitted. */
  refs: ReadonlyMap<string, TypeSlot>;
  /** Runtime type names used (to import). */
  runtimeTypes: Set<string>;
}

/** The name avsc gives a union branch: a named type's full name, else the type's name. */
export function branchName(schema: Schema): string {
  switch (schema.kind) {
    case 'primitive':
      return schema.type;
    case 'ref':
      return schema.name;
    case 'array':
      return 'array';
    case 'map':
      return 'map';
    case 'union':
      return 'union';
  }
}

export function typeOf(schema: Schema, ctx: TypeContext): TypeExpr {
  switch (schema.kind) {
    case 'primitive': {
      const t = primitiveType(schema.type, schema.logicalType);
      if (RUNTIME_TYPES.has(t)) ctx.runtimeTypes.add(t);
      return { read: t, write: t, union: false };
    }
    case 'array':
      return arrayType(typeOf(schema.items, ctx));
    case 'map':
      return mapType(typeOf(schema.values, ctx));
    case 'union':
      return unionType(
        schema.branches,
        schema.branches.map((b) => typeOf(b, ctx)),
        branchName,
      );
    case 'ref': {
      const slot = ctx.refs.get(schema.name);
      if (!slot) throw new Error(`internal error: unresolved type ${JSON.stringify(schema.name)}`);
      return { read: slot.name, write: slot.inputName, union: false };
    }
  }
}
