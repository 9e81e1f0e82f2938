/** NAME_MISMATCH: a record, enum or fixed type was renamed without an alias. */
import type { NamedType } from '../../model/avro.js';
import { incompatibility, type Describer } from '../incompatibility.js';
import { describeWhere, token, type LocationStack } from '../location.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const nameMismatchRule: CompatRule = {
  id: 'NAME_MISMATCH',
  purpose:
    "A named type (record, enum, fixed) reads only a writer type with the same unqualified name, or whose full name is one of the reader's aliases.",
};

/**
 * Apache Avro 1.12 `schemaNameEquals`: the unqualified names are equal (a namespace change
 * alone is compatible), or the reader's aliases (full names) include the writer's full name.
 */
export function schemaNameEquals(reader: NamedType, writer: NamedType): boolean {
  return reader.shortName === writer.shortName || reader.aliases.includes(writer.name);
}

export function checkSchemaNames(
  d: Describer,
  reader: NamedType,
  writer: NamedType,
  stack: LocationStack,
): Incompatibility | undefined {
  if (schemaNameEquals(reader, writer)) return undefined;
  const at = [...stack, token('name')];
  const where = describeWhere(stack);
  const prefix = where === 'the schema' ? '' : `${where}: `;
  return incompatibility(
    'NAME_MISMATCH',
    at,
    d.forward
      ? `${prefix}${reader.kind} "${reader.name}" was renamed to "${writer.name}"`
      : `${prefix}${reader.kind} "${writer.name}" was renamed to "${reader.name}"`,
    `expected: ${writer.name}`,
    d.forward
      ? `keep the name "${reader.name}": readers of the older schema have no alias for "${writer.name}"`
      : `add the alias "${writer.name}" to ${reader.kind} "${reader.name}"`,
  );
}
