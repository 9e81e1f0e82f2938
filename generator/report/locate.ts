/**
 * Line and column of a finding in its file, for annotations: the named path
 * (`/fields/amount/type`) is turned into a JSON pointer of that file, which holds for
 * findings about the older schema too, where Avro's positional location would not.
 */
import type { Finding } from './finding.js';
import { locatePointer } from '../load/index.js';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unescape(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The JSON pointer of `path` (field names for field positions) in `doc`, as far as it goes. */
export function pointerOfPath(doc: Json, path: string): string {
  const tokens = path
    .split('/')
    .slice(1)
    .filter((t) => t !== '')
    .map(unescape);
  const out: string[] = [];
  let node = doc;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'fields' && isObject(node) && Array.isArray(node.fields) && i + 1 < tokens.length) {
      const name = tokens[i + 1]!;
      const index = node.fields.findIndex((f) => isObject(f) && f.name === name);
      if (index < 0) break;
      out.push('fields', String(index));
      node = node.fields[index];
      i++;
    } else if (Array.isArray(node) && /^\d+$/.test(t) && Number(t) < node.length) {
      out.push(t);
      node = node[Number(t)];
    } else if (isObject(node) && t in node) {
      out.push(t);
      node = node[t];
    } else break;
  }
  return `/${out.map((t) => t.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** `{line, column}` of the finding in `text` (the finding's file), when it can be found. */
export function locateFinding(
  f: Finding,
  text: string,
): { line: number; column: number } | undefined {
  let pointer = f.location;
  if (f.path !== undefined) {
    try {
      pointer = pointerOfPath(JSON.parse(text) as Json, f.path);
    } catch {
      return undefined;
    }
  }
  const at = locatePointer(text, pointer === '/' ? '' : pointer);
  const m = at ? /^(\d+):(\d+)$/.exec(at) : null;
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
