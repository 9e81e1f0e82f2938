/**
 * Names of the TypeScript types for the named Avro types of one module. A module holds one
 * or more versions of a schema; a named type defined identically in several versions is
 * emitted once. Names are deterministic:
 * - the root record of an event version is `<Event>V<n>`;
 * - other types keep their short name, or `<Namespace><Name>` when two full names in the
 *   module share a short name, with a `V<n>` suffix when one full name has several
 *   definitions across versions;
 * - anything still clashing (with another type, a generated name or a reserved word) gets
 *   `_` appended.
 */
import type { NamedType, Schema, SchemaSet } from '../model/avro.js';
import { qualifiedIdentifier, toIdentifier } from './names.js';

export interface VersionInput {
  /** Version number, or undefined for a plain schema file. */
  version: number | undefined;
  set: SchemaSet;
  /** Name for the root type, when the root is a named type. */
  rootName: string;
}

export interface TypeSlot {
  type: NamedType;
  /** Identity: the definition with every type it references. */
  key: string;
  /** The first version whose set defines it (its refs resolve there). */
  set: SchemaSet;
  version: number | undefined;
  name: string;
  /** Name of the write type: `<name>Input` for records with defaults, else `name`. */
  inputName: string;
  needsInput: boolean;
}

export interface Naming {
  /** Unique definitions, in emission order. */
  slots: TypeSlot[];
  /** Full name → slot, per schema set. */
  bySet: Map<SchemaSet, Map<string, TypeSlot>>;
}

function refsOf(schema: Schema, out: string[]): string[] {
  switch (schema.kind) {
    case 'ref':
      out.push(schema.name);
      break;
    case 'array':
      refsOf(schema.items, out);
      break;
    case 'map':
      refsOf(schema.values, out);
      break;
    case 'union':
      for (const b of schema.branches) refsOf(b, out);
      break;
    default:
      break;
  }
  return out;
}

export function typeRefs(type: NamedType): string[] {
  return type.kind === 'record' ? type.fields.flatMap((f) => refsOf(f.type, [])) : [];
}

function deepKey(name: string, set: SchemaSet): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  const visit = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const type = set.named.get(n);
    if (!type) return;
    parts.push(JSON.stringify({ ...type, source: undefined }));
    for (const ref of typeRefs(type)) visit(ref);
  };
  visit(name);
  return parts.join('\n');
}

function collectSlots(versions: VersionInput[]): Naming {
  const byKey = new Map<string, TypeSlot>();
  const bySet = new Map<SchemaSet, Map<string, TypeSlot>>();
  // With one version every full name is one definition: the name alone is the identity (and
  // sorts the same), which spares serialising every type.
  const single = versions.length === 1;
  for (const v of versions) {
    const map = new Map<string, TypeSlot>();
    for (const fullName of [...v.set.named.keys()].sort()) {
      const type = v.set.named.get(fullName)!;
      const key = single ? fullName : `${fullName}\n${deepKey(fullName, v.set)}`;
      let slot = byKey.get(key);
      if (!slot) {
        slot = {
          type,
          key,
          set: v.set,
          version: v.version,
          name: '',
          inputName: '',
          needsInput: false,
        };
        byKey.set(key, slot);
      }
      map.set(fullName, slot);
    }
    bySet.set(v.set, map);
  }
  return { slots: [...byKey.values()], bySet };
}

function markInputs(naming: Naming): void {
  for (const slot of naming.slots) {
    slot.needsInput =
      slot.type.kind === 'record' && slot.type.fields.some((f) => f.default !== undefined);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const slot of naming.slots) {
      if (slot.needsInput) continue;
      const refs = naming.bySet.get(slot.set)!;
      if (typeRefs(slot.type).some((r) => refs.get(r)?.needsInput)) {
        slot.needsInput = true;
        changed = true;
      }
    }
  }
}

/** Assigns every named type of `versions` a unique TypeScript name, avoiding `reserved`. */
export function nameTypes(versions: VersionInput[], reserved: Iterable<string>): Naming {
  const naming = collectSlots(versions);
  markInputs(naming);
  const taken = new Set(reserved);
  const claim = (slot: TypeSlot, base: string): void => {
    let name = base;
    const clashes = (n: string): boolean =>
      taken.has(n) ||
      (slot.needsInput && taken.has(`${n}Input`)) ||
      (slot.type.kind === 'enum' && taken.has(`${n}Symbols`));
    while (clashes(name)) name = `${name}_`;
    slot.name = name;
    slot.inputName = slot.needsInput ? `${name}Input` : name;
    taken.add(name);
    taken.add(slot.inputName);
    if (slot.type.kind === 'enum') taken.add(`${name}Symbols`);
  };
  for (const v of versions) {
    if (v.set.root.kind !== 'ref') continue;
    const slot = naming.bySet.get(v.set)!.get(v.set.root.name)!;
    if (!slot.name) claim(slot, v.rootName);
  }
  for (const v of versions) {
    taken.add(v.rootName);
    taken.add(`${v.rootName}Input`);
  }
  const pending = naming.slots
    .filter((s) => !s.name)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const fullNamesByBase = new Map<string, Set<string>>();
  const defsByFullName = new Map<string, number>();
  for (const s of naming.slots) {
    const base = toIdentifier(s.type.shortName);
    fullNamesByBase.set(base, (fullNamesByBase.get(base) ?? new Set()).add(s.type.name));
    defsByFullName.set(s.type.name, (defsByFullName.get(s.type.name) ?? 0) + 1);
  }
  for (const slot of pending) {
    let base = toIdentifier(slot.type.shortName);
    if (fullNamesByBase.get(base)!.size > 1) {
      base = qualifiedIdentifier(slot.type.namespace, slot.type.shortName);
    }
    if (defsByFullName.get(slot.type.name)! > 1 && slot.version !== undefined) {
      base = `${base}V${slot.version}`;
    }
    claim(slot, base);
  }
  return naming;
}
