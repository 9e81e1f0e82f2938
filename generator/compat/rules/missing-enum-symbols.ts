/** MISSING_ENUM_SYMBOLS: the reader's enum lacks symbols the writer may send, with no default. */
import type { EnumType } from '../../model/avro.js';
import { incompatibility, type Describer } from '../incompatibility.js';
import { describeWhere, token, type LocationStack } from '../location.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const missingEnumSymbolsRule: CompatRule = {
  id: 'MISSING_ENUM_SYMBOLS',
  purpose:
    "An enum reads every symbol the writer's enum has, unless the reader's enum has a default symbol to read unknown ones as.",
};

/** Java's `TreeSet<String>` order: UTF-16 code units, which JavaScript's default sort uses. */
function sortedMissing(reader: EnumType, writer: EnumType): string[] {
  const have = new Set(reader.symbols);
  return [...new Set(writer.symbols.filter((s) => !have.has(s)))].sort();
}

export function checkEnumSymbols(
  d: Describer,
  reader: EnumType,
  writer: EnumType,
  stack: LocationStack,
): Incompatibility | undefined {
  const missing = sortedMissing(reader, writer);
  if (missing.length === 0) return undefined;
  if (reader.default !== undefined && reader.symbols.includes(reader.default)) return undefined;
  const where = describeWhere(stack);
  const prefix = where === 'the schema' ? '' : `${where}: `;
  const quoted = missing.map((s) => `"${s}"`).join(', ');
  const symbols = `symbol${missing.length > 1 ? 's' : ''} ${quoted}`;
  return incompatibility(
    'MISSING_ENUM_SYMBOLS',
    [...stack, token('symbols')],
    d.forward
      ? `${prefix}enum "${reader.name}" gained the ${symbols}, which the older enum lacks and has no default for`
      : `${prefix}enum "${reader.name}" dropped the ${symbols} and has no default symbol`,
    `[${missing.join(', ')}]`,
    d.forward
      ? `remove ${quoted}: an enum can only gain symbols once readers' enum has a default symbol`
      : `keep ${quoted} in the enum, or give enum "${reader.name}" a default symbol`,
  );
}
