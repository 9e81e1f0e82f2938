/** Import lines: one for values and one (`import type`) for types per module, names sorted. */
import type { ImportModel } from './model.js';

/** The runtime entry generated modules import: only what they use (`runtime/codegen/`). */
export const RUNTIME_MODULE = 'eventc/runtime/codegen';

function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function importsFrom(
  from: string,
  values: Iterable<string>,
  types: Iterable<string>,
): ImportModel[] {
  const out: ImportModel[] = [];
  const v = sorted(values);
  const t = sorted(types);
  if (v.length > 0) out.push({ from, typeOnly: false, names: v.join(', ') });
  if (t.length > 0) out.push({ from, typeOnly: true, names: t.join(', ') });
  return out;
}

export function runtimeImports(values: Iterable<string>, types: Iterable<string>): ImportModel[] {
  return importsFrom(RUNTIME_MODULE, values, types);
}
