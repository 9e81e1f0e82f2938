/**
 * Avro names: validation of names and namespaces, full-name resolution with namespace
 * inheritance (Avro 1.11 §"Names"), and "did you mean" suggestions.
 */
import type { PrimitiveName } from '../model/avro.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const PRIMITIVES: ReadonlySet<string> = new Set<PrimitiveName>([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

export function isPrimitiveName(name: string): name is PrimitiveName {
  return PRIMITIVES.has(name);
}

/** A simple name: a field name, enum symbol, or one part of a full name. */
export function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** A namespace: empty (the null namespace) or dot-separated valid names. */
export function isValidNamespace(namespace: string): boolean {
  return namespace === '' || namespace.split('.').every(isValidName);
}

/** A full name: dot-separated valid names (the null namespace cannot appear inside it). */
export function isValidFullName(name: string): boolean {
  return name !== '' && name.split('.').every(isValidName);
}

/** Why `name` is not a valid simple name, for messages. */
export function nameRule(what: string, name: string): string {
  return `${what} ${JSON.stringify(name)} is not a valid Avro name: it must start with a letter or "_" and contain only letters, digits and "_"`;
}

export interface FullName {
  name: string;
  namespace: string;
  shortName: string;
}

/**
 * Full name of a named type from its `name`, its optional `namespace` attribute and the
 * namespace of the enclosing named type: a dotted name wins, then the attribute, then
 * the enclosing namespace. The empty namespace is the null namespace.
 */
export function fullName(name: string, namespace: string | undefined, enclosing: string): FullName {
  const dot = name.lastIndexOf('.');
  if (dot !== -1) {
    return { name, namespace: name.slice(0, dot), shortName: name.slice(dot + 1) };
  }
  const ns = namespace ?? enclosing;
  return { name: ns === '' ? name : `${ns}.${name}`, namespace: ns, shortName: name };
}

/**
 * Candidate full names a type reference may mean, most specific first: a dotted name is
 * already full; a simple name is looked up in the enclosing namespace, then in the null
 * namespace (as Apache Avro's Java parser does).
 */
export function referenceCandidates(ref: string, enclosing: string): string[] {
  if (ref.includes('.') || enclosing === '') return [ref];
  return [`${enclosing}.${ref}`, ref];
}

/** Levenshtein distance, capped for speed on long inputs. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The closest of `candidates` to `input`, if close enough to be a likely typo; compares
 * both whole strings and the last dotted parts, case-insensitively.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const short = (s: string): string => s.slice(s.lastIndexOf('.') + 1).toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = Math.min(
      editDistance(input.toLowerCase(), c.toLowerCase()),
      editDistance(short(input), short(c)),
    );
    const limit = Math.max(1, Math.floor(Math.min(short(input).length, short(c).length) / 3));
    if (score <= limit && score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const s = suggest(input, candidates);
  return s === undefined ? '' : ` Did you mean ${JSON.stringify(s)}?`;
}
