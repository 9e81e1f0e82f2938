/** READER_FIELD_MISSING_DEFAULT_VALUE: a reader field the writer lacks has no default. */
import { incompatibility } from '../incompatibility.js';
import { describeWhere, type LocationStack } from '../location.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const readerFieldMissingDefaultValueRule: CompatRule = {
  id: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  purpose:
    "Every reader field that the writer's record lacks (by name or by one of the field's aliases) has a default to fill it with.",
};

export function readerFieldMissingDefault(
  fieldName: string,
  stack: LocationStack,
): Incompatibility {
  const field = describeWhere(stack);
  return incompatibility(
    'READER_FIELD_MISSING_DEFAULT_VALUE',
    stack,
    `${field} is not in the writer's schema and has no default`,
    fieldName,
    `add a default to field "${fieldName}", or an alias naming the writer's field if it was renamed`,
  );
}
