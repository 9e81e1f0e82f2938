/** Arrays and maps → TypeScript. Maps decode into prototype-less objects (any key is safe). */
import type { TypeExpr } from './schema-type.js';

export function arrayType(items: TypeExpr): TypeExpr {
  const wrap = (t: string): string => (items.union ? `(${t})[]` : `${t}[]`);
  return { read: wrap(items.read), write: wrap(items.write), union: false };
}

export function mapType(values: TypeExpr): TypeExpr {
  return {
    read: `Record<string, ${values.read}>`,
    write: `Record<string, ${values.write}>`,
    union: false,
  };
}
