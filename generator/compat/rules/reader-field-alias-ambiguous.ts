/** READER_FIELD_ALIAS_AMBIGUOUS: a reader field matches several writer fields. */
import { incompatibility } from '../incompatibility.js';
import { describeWhere, type LocationStack } from '../location.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const readerFieldAliasAmbiguousRule: CompatRule = {
  id: 'READER_FIELD_ALIAS_AMBIGUOUS',
  purpose:
    'A reader field matches at most one writer field by its name and aliases (Apache Avro refuses the pair with an error otherwise, so the registry rejects it).',
};

export function readerFieldAliasAmbiguous(
  fieldName: string,
  writerFields: string[],
  stack: LocationStack,
): Incompatibility {
  const names = writerFields.map((n) => `"${n}"`).join(' and ');
  return incompatibility(
    'READER_FIELD_ALIAS_AMBIGUOUS',
    stack,
    `${describeWhere(stack)} matches the writer's fields ${names} through its name and aliases`,
    `Reader record field ${fieldName} matches multiple fields in writer record schema`,
    `remove the alias that names a field the writer still has`,
  );
}
