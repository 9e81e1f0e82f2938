/**
 * Unions → TypeScript, matching the codec: with at most one non-null branch the value is
 * the branch's own (`T | null`); with more, each non-null branch is wrapped in an object
 * keyed by the branch name (`{ string: string } | { 'com.shop.Money': Money } | null`),
 * so `'com.shop.Money' in value` tells the branches apart and narrows the type.
 */
import type { Schema } from '../../model/avro.js';
import { propertyKey } from '../names.js';
import type { TypeExpr } from './schema-type.js';

export function unionType(
  branches: Schema[],
  types: TypeExpr[],
  branchName: (s: Schema) => string,
): TypeExpr {
  const nonNull = branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null')).length;
  const wrapped = nonNull > 1;
  const parts = branches.map((b, i) => {
    const t = types[i]!;
    if (b.kind === 'primitive' && b.type === 'null') return { read: 'null', write: 'null' };
    if (!wrapped) return t;
    const key = propertyKey(branchName(b));
    return { read: `{ ${key}: ${t.read} }`, write: `{ ${key}: ${t.write} }` };
  });
  const flat = parts.length > 1 && !types.some((t) => t.union);
  return {
    read: parts.map((p) => p.read).join(' | '),
    write: parts.map((p) => p.write).join(' | '),
    union: parts.length > 1 || types.some((t) => t.union),
    ...(flat
      ? { parts: { read: parts.map((p) => p.read), write: parts.map((p) => p.write) } }
      : {}),
  };
}
