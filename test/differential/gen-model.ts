/**
 * The generator's own schema form: named types kept apart in `defs` (keyed by full name)
 * and referenced by full name everywhere else, so mutations (renames, removals) stay simple.
 * `toJson` writes standard Avro JSON, defining each named type at its first use.
 */

/** A type: a primitive or full name (string), a logical-typed primitive, array, map, union. */
export type GType =
  | string
  | { type: string; logicalType: string; precision?: number; scale?: number }
  | { type: 'array'; items: GType }
  | { type: 'map'; values: GType }
  | GType[];

export interface GField {
  name: string;
  type: GType;
  default?: { value: unknown };
  aliases?: string[];
}

interface GNamedBase {
  /** Full name. */
  name: string;
  aliases?: string[];
}

export interface GRecord extends GNamedBase {
  type: 'record';
  fields: GField[];
}

export interface GEnum extends GNamedBase {
  type: 'enum';
  symbols: string[];
  default?: string;
}

export interface GFixed extends GNamedBase {
  type: 'fixed';
  size: number;
}

export type GDef = GRecord | GEnum | GFixed;

export interface GSchema {
  /** The root type: usually the full name of a record. */
  root: GType;
  defs: Map<string, GDef>;
}

export const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

export function clone(s: GSchema): GSchema {
  return {
    root: structuredClone(s.root),
    defs: new Map([...s.defs].map(([k, v]) => [k, structuredClone(v)])),
  };
}

export function splitName(full: string): { namespace: string; short: string } {
  const i = full.lastIndexOf('.');
  return i < 0
    ? { namespace: '', short: full }
    : { namespace: full.slice(0, i), short: full.slice(i + 1) };
}

/** The kind of a type for union-branch uniqueness: primitive name, array, map or full name. */
export function branchKey(t: GType): string {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return 'union';
  if (t.type === 'array' || t.type === 'map') return t.type;
  return t.type;
}

/**
 * Avro JSON, each named type defined at its first use. Undefined when the schema cannot be
 * written: Avro resolves a name without a dot in the enclosing namespace, so a type without
 * a namespace cannot be referenced from inside a namespace.
 */
export function toJson(s: GSchema): unknown {
  const defined = new Set<string>();
  let enclosing = '';
  let writable = true;
  const emit = (t: GType): unknown => {
    if (typeof t === 'string') {
      const def = s.defs.get(t);
      if (!def) return t;
      if (defined.has(t)) {
        if (!t.includes('.') && enclosing !== '') writable = false;
        return t;
      }
      defined.add(t);
      return emitDef(def);
    }
    if (Array.isArray(t)) return t.map(emit);
    if (t.type === 'array') return { type: 'array', items: emit((t as { items: GType }).items) };
    if (t.type === 'map') return { type: 'map', values: emit((t as { values: GType }).values) };
    return { ...t };
  };
  const emitDef = (def: GDef): unknown => {
    const { namespace, short } = splitName(def.name);
    const outer = enclosing;
    enclosing = namespace;
    const out: Record<string, unknown> = { type: def.type, name: short };
    // An empty namespace must be explicit inside a namespace, or the type would inherit it.
    if (namespace || outer !== '') out['namespace'] = namespace;
    if (def.aliases && def.aliases.length > 0) out['aliases'] = def.aliases;
    if (def.type === 'record') {
      out['fields'] = def.fields.map((f) => {
        const field: Record<string, unknown> = { name: f.name, type: emit(f.type) };
        if (f.default) field['default'] = f.default.value;
        if (f.aliases && f.aliases.length > 0) field['aliases'] = f.aliases;
        return field;
      });
    } else if (def.type === 'enum') {
      out['symbols'] = def.symbols;
      if (def.default !== undefined) out['default'] = def.default;
    } else {
      out['size'] = def.size;
    }
    enclosing = outer;
    return out;
  };
  const json = emit(s.root);
  return writable ? json : undefined;
}

/** A valid default for `t`, or undefined when none can be made (deep recursion). */
export function defaultFor(s: GSchema, t: GType, depth = 0): { value: unknown } | undefined {
  if (depth > 6) return undefined;
  if (Array.isArray(t)) {
    // Avro 1.12 takes a default of any branch: two-branch unions default to their second
    // branch's value, others to the first's, so the corpus has both.
    const branch = t[(t.length - 1) % 2] ?? t[0];
    return branch === undefined ? undefined : defaultFor(s, branch, depth + 1);
  }
  if (typeof t !== 'string') {
    if (t.type === 'array') return { value: [] };
    if (t.type === 'map') return { value: {} };
    return defaultFor(s, t.type, depth + 1);
  }
  switch (t) {
    case 'null':
      return { value: null };
    case 'boolean':
      return { value: false };
    case 'int':
    case 'long':
      return { value: 7 };
    case 'float':
    case 'double':
      return { value: 1.5 };
    case 'bytes':
    case 'string':
      return { value: 'x' };
  }
  const def = s.defs.get(t);
  if (!def) return undefined;
  if (def.type === 'enum') return { value: def.symbols[0] };
  if (def.type === 'fixed') return { value: '\u0000'.repeat(def.size) };
  const value: Record<string, unknown> = {};
  for (const f of def.fields) {
    const d = defaultFor(s, f.type, depth + 1);
    if (!d) return undefined;
    value[f.name] = d.value;
  }
  return { value };
}

/** Every type position in the schema's records: visits and may replace each type. */
export function mapTypes(t: GType, fn: (t: GType) => GType): GType {
  const mapped = fn(t);
  if (Array.isArray(mapped)) return mapped.map((b) => mapTypes(b, fn));
  if (typeof mapped === 'object' && mapped.type === 'array') {
    return { type: 'array', items: mapTypes((mapped as { items: GType }).items, fn) };
  }
  if (typeof mapped === 'object' && mapped.type === 'map') {
    return { type: 'map', values: mapTypes((mapped as { values: GType }).values, fn) };
  }
  return mapped;
}

/** Names the schema reaches from its root. */
export function reachable(s: GSchema): Set<string> {
  const seen = new Set<string>();
  const visit = (t: GType): void => {
    mapTypes(t, (x) => {
      if (typeof x === 'string' && s.defs.has(x) && !seen.has(x)) {
        seen.add(x);
        const def = s.defs.get(x)!;
        if (def.type === 'record') def.fields.forEach((f) => visit(f.type));
      }
      return x;
    });
  };
  visit(s.root);
  return seen;
}
