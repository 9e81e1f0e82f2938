/** Type positions of a generated schema, to read and replace one type in place. */
import {
  defaultFor,
  reachable,
  type GField,
  type GRecord,
  type GSchema,
  type GType,
} from './gen-model.js';

export interface Position {
  get(): GType;
  set(t: GType): void;
  /** The field the position is in, if any. */
  field?: GField;
  /** Whether the position is a union branch (a union may not go there). */
  inUnion: boolean;
  union?: GType[];
}

export function records(s: GSchema): GRecord[] {
  return [...reachable(s)]
    .map((n) => s.defs.get(n)!)
    .filter((d): d is GRecord => d.type === 'record');
}

/** Every type position reachable from the root, outermost first. */
export function positions(s: GSchema): Position[] {
  const out: Position[] = [];
  const walk = (p: Position): void => {
    out.push(p);
    const t = p.get();
    if (Array.isArray(t)) {
      t.forEach((_, i) => {
        walk({
          get: () => t[i]!,
          set: (x) => (t[i] = x),
          inUnion: true,
          union: t,
          ...(p.field ? { field: p.field } : {}),
        });
      });
    } else if (typeof t === 'object' && t.type === 'array') {
      const a = t as { items: GType };
      walk({ get: () => a.items, set: (x) => (a.items = x), inUnion: false, ...fieldOf(p) });
    } else if (typeof t === 'object' && t.type === 'map') {
      const m = t as { values: GType };
      walk({ get: () => m.values, set: (x) => (m.values = x), inUnion: false, ...fieldOf(p) });
    }
  };
  walk({ get: () => s.root, set: (x) => (s.root = x), inUnion: false });
  for (const rec of records(s)) {
    for (const f of rec.fields) {
      walk({ get: () => f.type, set: (x) => (f.type = x), field: f, inUnion: false });
    }
  }
  return out;
}

function fieldOf(p: Position): { field?: GField } {
  return p.field ? { field: p.field } : {};
}

/** Re-derives every field default and enum default so the schema stays valid. */
export function refreshDefaults(s: GSchema): void {
  for (const def of s.defs.values()) {
    if (def.type === 'enum' && def.default !== undefined && !def.symbols.includes(def.default)) {
      def.default = def.symbols[0];
    }
  }
  for (const def of s.defs.values()) {
    if (def.type !== 'record') continue;
    for (const f of def.fields) {
      if (!f.default) continue;
      const d = defaultFor(s, f.type);
      if (d) f.default = d;
      else delete f.default;
    }
  }
}

/** Replaces every reference to `from` (and the definition's key) with `to`. */
export function renameDef(s: GSchema, from: string, to: string): void {
  const def = s.defs.get(from)!;
  s.defs.delete(from);
  def.name = to;
  s.defs.set(to, def);
  const swap = (t: GType): GType => {
    if (t === from) return to;
    if (Array.isArray(t)) return t.map(swap);
    if (typeof t === 'object' && t.type === 'array') {
      return { type: 'array', items: swap((t as { items: GType }).items) };
    }
    if (typeof t === 'object' && t.type === 'map') {
      return { type: 'map', values: swap((t as { values: GType }).values) };
    }
    return t;
  };
  s.root = swap(s.root);
  for (const d of s.defs.values()) {
    if (d.type === 'record') d.fields.forEach((f) => (f.type = swap(f.type)));
  }
}
