/**
 * A quick pass over schema JSON that lists the named types a file defines and the names it
 * references, without validating anything. Used to order shared schema files by their
 * dependencies and to explain uses that come before a definition.
 */
import { childPointer, isJsonObject } from './json.js';
import type { JsonValue } from './json.js';
import { fullName, isPrimitiveName, isValidFullName, referenceCandidates } from './names.js';

export interface NameScan {
  /** Full name → JSON pointer of the definition, in document order. */
  defines: Map<string, string>;
  /** Each reference with the full names it may mean, most specific first. */
  references: { name: string; candidates: string[]; pointer: string }[];
}

const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

export function scanNames(value: JsonValue): NameScan {
  const scan: NameScan = { defines: new Map(), references: [] };
  walk(value, '', '', scan);
  return scan;
}

function reference(name: string, pointer: string, ns: string, scan: NameScan): void {
  if (isPrimitiveName(name) || !isValidFullName(name)) return;
  scan.references.push({ name, candidates: referenceCandidates(name, ns), pointer });
}

function walk(value: JsonValue, pointer: string, ns: string, scan: NameScan): void {
  if (typeof value === 'string') {
    reference(value, pointer, ns, scan);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, childPointer(pointer, i), ns, scan));
    return;
  }
  if (!isJsonObject(value) || typeof value.type !== 'string') return;
  const { type } = value;
  if (!NAMED.has(type)) {
    if (type === 'array' && value.items !== undefined) {
      walk(value.items, childPointer(pointer, 'items'), ns, scan);
    } else if (type === 'map' && value.values !== undefined) {
      walk(value.values, childPointer(pointer, 'values'), ns, scan);
    } else if (type !== 'array' && type !== 'map') {
      reference(type, childPointer(pointer, 'type'), ns, scan);
    }
    return;
  }
  let inner = ns;
  if (typeof value.name === 'string' && isValidFullName(value.name)) {
    const namespace = typeof value.namespace === 'string' ? value.namespace : undefined;
    const full = fullName(value.name, namespace, ns);
    if (!scan.defines.has(full.name)) scan.defines.set(full.name, pointer || '/');
    inner = full.namespace;
  }
  if ((type === 'record' || type === 'error') && Array.isArray(value.fields)) {
    value.fields.forEach((f, i) => {
      if (isJsonObject(f) && f.type !== undefined) {
        walk(f.type, childPointer(pointer, 'fields', i, 'type'), inner, scan);
      }
    });
  }
}
