/**
 * Schema changes the differential test applies, allowed and forbidden ones alike. Each
 * mutation changes the schema in place and returns false when it does not apply.
 */
import type { TypeGen } from './base.js';
import { NAMESPACES, SYMBOLS } from './base.js';
import {
  branchKey,
  defaultFor,
  reachable,
  splitName,
  type GSchema,
  type GType,
} from './gen-model.js';
import { positions, records, renameDef, type Position } from './positions.js';

export type Mutation = (s: GSchema, g: TypeGen) => boolean;

const PROMOTE: Record<string, string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};
const DEMOTE: Record<string, string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
};

function pickRecord(s: GSchema, g: TypeGen) {
  const recs = records(s);
  return recs.length > 0 ? g.rng.pick(recs) : undefined;
}

function pickField(s: GSchema, g: TypeGen) {
  const rec = pickRecord(s, g);
  if (!rec || rec.fields.length === 0) return undefined;
  return { rec, field: g.rng.pick(rec.fields) };
}

/** Replaces the type at a position, keeping unions valid; false when it would not be. */
function replaceAt(p: Position, t: GType): boolean {
  if (p.inUnion) {
    if (Array.isArray(t)) return false;
    const others = p.union!.filter((b) => b !== p.get());
    if (others.some((b) => branchKey(b) === branchKey(t))) return false;
  }
  p.set(t);
  return true;
}

function pickPosition(s: GSchema, g: TypeGen, test: (t: GType) => boolean): Position | undefined {
  const found = positions(s).filter((p) => test(p.get()));
  return found.length > 0 ? g.rng.pick(found) : undefined;
}

function pickDef(s: GSchema, g: TypeGen, kinds: string[]) {
  const live = reachable(s);
  const defs = [...s.defs.values()].filter((d) => live.has(d.name) && kinds.includes(d.type));
  return defs.length > 0 ? g.rng.pick(defs) : undefined;
}

function changePrimitive(table: Record<string, string[]>): Mutation {
  return (s, g) => {
    const p = pickPosition(s, g, (t) => typeof t === 'string' && t in table);
    return p ? replaceAt(p, g.rng.pick(table[p.get() as string]!)) : false;
  };
}

function addField(withDefault: boolean): Mutation {
  return (s, g) => {
    const rec = pickRecord(s, g);
    if (!rec) return false;
    const type = g.type(2);
    const d = defaultFor(s, type);
    if (withDefault && !d) return false;
    const at = g.rng.int(0, rec.fields.length);
    rec.fields.splice(at, 0, {
      name: g.fresh('added'),
      type,
      ...(withDefault ? { default: d! } : {}),
    });
    return true;
  };
}

function renameType(withAlias: boolean, moveNamespace: boolean, keepShort: boolean): Mutation {
  return (s, g) => {
    const def = pickDef(s, g, ['record', 'enum', 'fixed']);
    if (!def) return false;
    const old = splitName(def.name);
    const ns = moveNamespace ? g.rng.pick(NAMESPACES) : old.namespace;
    const short = keepShort ? old.short : g.fresh(old.short.replace(/\d+$/, ''));
    const to = ns ? `${ns}.${short}` : short;
    if (to === def.name || s.defs.has(to)) return false;
    const oldName = def.name;
    renameDef(s, oldName, to);
    if (withAlias) {
      // Aliases are full names; a short alias is resolved in the type's own namespace.
      const alias =
        old.namespace === ns && old.namespace && g.rng.chance(0.5) ? old.short : oldName;
      def.aliases = [...(def.aliases ?? []), alias];
    }
    return true;
  };
}

export const MUTATIONS: Record<string, Mutation> = {
  'add field with default': addField(true),
  'add field without default': addField(false),
  'add enum field with enum default, no field default': (s, g) => {
    const rec = pickRecord(s, g);
    if (!rec) return false;
    const name = g.enumType();
    const def = s.defs.get(name)!;
    if (def.type === 'enum') def.default = def.symbols[0];
    rec.fields.push({ name: g.fresh('status'), type: name });
    return true;
  },
  'remove field': (s, g) => {
    const f = pickField(s, g);
    if (!f) return false;
    f.rec.fields.splice(f.rec.fields.indexOf(f.field), 1);
    return true;
  },
  'promote type': changePrimitive(PROMOTE),
  'demote type': changePrimitive(DEMOTE),
  'change type': (s, g) => {
    const p = pickPosition(s, g, () => true);
    return p ? replaceAt(p, p.inUnion ? g.single(2) : g.type(2)) : false;
  },
  'rename field': (s, g) => {
    const f = pickField(s, g);
    if (!f) return false;
    f.field.name = g.fresh('renamed');
    return true;
  },
  'rename field with alias': (s, g) => {
    const f = pickField(s, g);
    if (!f) return false;
    f.field.aliases = [...(f.field.aliases ?? []), f.field.name];
    f.field.name = g.fresh('renamed');
    return true;
  },
  'alias a field to another existing field': (s, g) => {
    const rec = pickRecord(s, g);
    if (!rec || rec.fields.length < 2) return false;
    const [a, b] = [rec.fields[0]!, rec.fields[1]!];
    a.aliases = [...(a.aliases ?? []), b.name];
    return true;
  },
  'alias a field to its own name, or repeat an alias': (s, g) => {
    const f = pickField(s, g);
    if (!f) return false;
    const extra = f.field.aliases?.[0] ?? f.field.name;
    f.field.aliases = [...(f.field.aliases ?? []), extra];
    return true;
  },
  'reorder fields': (s, g) => {
    const rec = pickRecord(s, g);
    if (!rec || rec.fields.length < 2) return false;
    rec.fields.reverse();
    return true;
  },
  'add or remove a field default': (s, g) => {
    const f = pickField(s, g);
    if (!f) return false;
    if (f.field.default) delete f.field.default;
    else {
      const d = defaultFor(s, f.field.type);
      if (!d) return false;
      f.field.default = d;
    }
    return true;
  },
  'rename type': renameType(false, false, false),
  'rename type with alias': renameType(true, false, false),
  'change namespace': renameType(false, true, true),
  'rename and move type with alias': renameType(true, true, false),
  'add enum symbol': (s, g) => {
    const e = pickDef(s, g, ['enum']);
    if (!e || e.type !== 'enum') return false;
    const extra = SYMBOLS.filter((x) => !e.symbols.includes(x));
    if (extra.length === 0) return false;
    e.symbols.splice(g.rng.int(0, e.symbols.length), 0, g.rng.pick(extra));
    return true;
  },
  'remove enum symbol': (s, g) => {
    const e = pickDef(s, g, ['enum']);
    if (!e || e.type !== 'enum' || e.symbols.length < 2) return false;
    e.symbols.splice(g.rng.int(0, e.symbols.length - 1), 1);
    return true;
  },
  'add or remove enum default': (s, g) => {
    const e = pickDef(s, g, ['enum']);
    if (!e || e.type !== 'enum') return false;
    if (e.default !== undefined) delete e.default;
    else e.default = g.rng.pick(e.symbols);
    return true;
  },
  'reorder enum symbols': (s, g) => {
    const e = pickDef(s, g, ['enum']);
    if (!e || e.type !== 'enum' || e.symbols.length < 2) return false;
    e.symbols.reverse();
    return true;
  },
  'change fixed size': (s, g) => {
    const f = pickDef(s, g, ['fixed']);
    if (!f || f.type !== 'fixed') return false;
    f.size = f.size === 1 ? 2 : f.size + g.rng.pick([-1, 1, 8]);
    return true;
  },
  'add union branch': (s, g) => {
    const p = pickPosition(s, g, (t) => Array.isArray(t));
    if (!p) return false;
    const u = p.get() as GType[];
    const b = g.single(2);
    if (u.some((x) => branchKey(x) === branchKey(b))) return false;
    u.splice(g.rng.int(0, u.length), 0, b);
    return true;
  },
  'remove union branch': (s, g) => {
    const p = pickPosition(s, g, (t) => Array.isArray(t) && t.length > 1);
    if (!p) return false;
    (p.get() as GType[]).splice(g.rng.int(0, (p.get() as GType[]).length - 1), 1);
    return true;
  },
  'reorder union branches': (s, g) => {
    const p = pickPosition(s, g, (t) => Array.isArray(t) && t.length > 1);
    if (!p) return false;
    (p.get() as GType[]).reverse();
    return true;
  },
  'wrap type in a union': (s, g) => {
    const p = pickPosition(s, g, (t) => !Array.isArray(t) && t !== 'null');
    if (!p || p.inUnion) return false;
    const t = p.get();
    const other = ['null', 'string', 'int'].filter((x) => x !== branchKey(t));
    p.set(g.rng.chance(0.5) ? ['null', t] : [t, g.rng.pick(other)]);
    return true;
  },
  'unwrap a union': (s, g) => {
    const p = pickPosition(s, g, (t) => Array.isArray(t));
    if (!p) return false;
    const u = p.get() as GType[];
    const keep = u.find((b) => b !== 'null') ?? u[0]!;
    p.set(keep);
    return true;
  },
  'add or remove logical type': (s, g) => {
    const p = pickPosition(
      s,
      g,
      (t) => typeof t === 'object' && !Array.isArray(t) && 'logicalType' in t,
    );
    if (p && g.rng.chance(0.5)) return replaceAt(p, (p.get() as { type: string }).type);
    const q = pickPosition(s, g, (t) => t === 'long' || t === 'int');
    if (!q) return false;
    const base = q.get() as string;
    return replaceAt(q, { type: base, logicalType: base === 'long' ? 'timestamp-millis' : 'date' });
  },
};
