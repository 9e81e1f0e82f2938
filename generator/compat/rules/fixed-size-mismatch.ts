/** FIXED_SIZE_MISMATCH: a fixed type changed its size. */
import type { FixedType } from '../../model/avro.js';
import { incompatibility, type Describer } from '../incompatibility.js';
import { describeWhere, token, type LocationStack } from '../location.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const fixedSizeMismatchRule: CompatRule = {
  id: 'FIXED_SIZE_MISMATCH',
  purpose: 'A fixed type reads only writer values of exactly its own size.',
};

export function checkFixedSize(
  d: Describer,
  reader: FixedType,
  writer: FixedType,
  stack: LocationStack,
): Incompatibility | undefined {
  if (reader.size === writer.size) return undefined;
  const where = describeWhere(stack);
  const prefix = where === 'the schema' ? '' : `${where}: `;
  return incompatibility(
    'FIXED_SIZE_MISMATCH',
    [...stack, token('size')],
    `${prefix}fixed "${reader.name}" changed size from ${d.forward ? reader.size : writer.size} to ${d.forward ? writer.size : reader.size} bytes`,
    `expected: ${writer.size}, found: ${reader.size}`,
    `keep the size ${d.forward ? reader.size : writer.size}; add a new field for values of the new size`,
  );
}
