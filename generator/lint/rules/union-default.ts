/**
 * UNION_DEFAULT_NOT_FIRST: a union field's default is a value of its first branch. Avro 1.12
 * (AVRO-3649) accepts a default of any branch, and so does eventc; readers and registries on
 * Avro 1.11 or older refuse such a schema.
 */
import { checkDefault } from '../../load/defaults.js';
import type { JsonValue } from '../../load/json.js';
import type { Finding } from '../../report/finding.js';
import type { LintRule } from '../types.js';
import { records, typeFinding } from '../types.js';

export const unionDefaultRule: LintRule = {
  id: 'UNION_DEFAULT_NOT_FIRST',
  purpose:
    "A union field's default is a value of its first branch, which readers and registries on Avro 1.11 or older require.",
  check: (ctx) =>
    records(ctx).flatMap((t) =>
      t.type.fields.flatMap((f, i): Finding[] => {
        if (f.type.kind !== 'union' || f.default === undefined) return [];
        const lookup = (name: string) => t.version.schema.named.get(name);
        const value = f.default.value as JsonValue;
        const [first, ...rest] = f.type.branches;
        if (!first || !checkDefault(first, value, lookup)) return [];
        const index = rest.findIndex((b) => !checkDefault(b, value, lookup)) + 1;
        if (index === 0) return [];
        return [
          typeFinding(
            'UNION_DEFAULT_NOT_FIRST',
            t,
            `the default of field "${f.name}" of record "${t.type.name}" is a value of branch ${index} of its union, not of the first: Avro 1.12 reads it, readers and registries on Avro 1.11 or older refuse the schema`,
            `move branch ${index} to the front of the union (e.g. ["null", "string"] for a null default), where every Avro reads it`,
            i,
          ),
        ];
      }),
    ),
};
