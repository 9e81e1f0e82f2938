/** Fixed → `Buffer` of the declared size; with a logical type, that type's TypeScript type. */
import type { FixedType } from '../../model/avro.js';
import type { AliasBlock } from '../model.js';
import { docLines } from '../names.js';
import type { TypeSlot } from '../naming.js';
import { primitiveType, RUNTIME_TYPES } from './primitive.js';
import type { TypeContext } from './schema-type.js';

export function fixedBlock(type: FixedType, slot: TypeSlot, ctx: TypeContext): AliasBlock {
  const ts = type.logicalType ? primitiveType('bytes', type.logicalType) : 'Buffer';
  if (RUNTIME_TYPES.has(ts)) ctx.runtimeTypes.add(ts);
  const note = type.logicalType
    ? `Avro fixed \`${type.name}\` (${type.size} bytes), logical type \`${type.logicalType.name}\`.`
    : `Avro fixed \`${type.name}\`: ${type.size} bytes.`;
  return { kind: 'alias', docLines: docLines(type.doc, [note]), name: slot.name, type: ts };
}
