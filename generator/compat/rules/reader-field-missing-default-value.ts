/** READER_FIELD_MISSING_DEFAULT_VALUE: a reader field the writer lacks has no default. */
import { incompatibility, type Describer } from '../incompatibility.js';
import { describeWhere, type LocationStack } from '../location.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const readerFieldMissingDefaultValueRule: CompatRule = {
  id: 'READER_FIELD_MISSING_DEFAULT_VALUE',
  purpose:
    "Every reader field that the writer's record lacks (by name or by one of the field's aliases) has a default to fill it with.",
};

export function readerFieldMissingDefault(
  d: Describer,
  fieldName: string,
  stack: LocationStack,
): Incompatibility {
  const field = describeWhere(stack);
  return incompatibility(
    'READER_FIELD_MISSING_DEFAULT_VALUE',
    stack,
    d.forward
      ? `${field} was removed or renamed, and the older schema has no default for it`
      : `${field} was added without a default`,
    fieldName,
    d.forward
      ? `keep ${field}: only a field with a default can be removed`
      : `add a default to field "${fieldName}", or an alias naming the old field if it was renamed`,
  );
}
