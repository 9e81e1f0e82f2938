/** Enums → a union of string literals and a `const` list of the symbols, in Avro order. */
import type { EnumType } from '../../model/avro.js';
import type { EnumBlock } from '../model.js';
import { docLines, stringLiteral } from '../names.js';
import type { TypeSlot } from '../naming.js';

export function enumBlock(type: EnumType, slot: TypeSlot): EnumBlock {
  return {
    kind: 'enum',
    docLines: docLines(type.doc, [`Avro enum \`${type.name}\`.`]),
    name: slot.name,
    symbolsName: `${slot.name}Symbols`,
    union: type.symbols.map(stringLiteral).join(' | '),
    list: type.symbols.map(stringLiteral).join(', '),
  };
}
