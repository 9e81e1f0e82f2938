/**
 * Records → a read interface (every field present) and, when some field has a default
 * (directly or in a nested record), a write interface where those fields are optional.
 * Interfaces, so recursive records need nothing special.
 */
import type { RecordType } from '../../model/avro.js';
import type { AliasBlock, InterfaceBlock } from '../model.js';
import { docLines, propertyKey } from '../names.js';
import type { TypeSlot } from '../naming.js';
import { typeOf, type TypeContext, type TypeExpr } from './schema-type.js';
import { PRINT_WIDTH } from '../const.js';

/**
 * The text after a field's colon as prettier prints it: ` type`; a union too long for that
 * on the next line; a union too long for that too, one member per line.
 */
function fieldType(key: string, optional: boolean, expr: TypeExpr, side: 'read' | 'write'): string {
  const text = expr[side];
  const oneLine = `  ${key}${optional ? '?' : ''}: ${text};`;
  const parts = expr.parts?.[side];
  if (oneLine.length <= PRINT_WIDTH || !parts) return ` ${text}`;
  if (`    ${text};`.length <= PRINT_WIDTH) return `\n    ${text}`;
  return parts.map((p) => `\n    | ${p}`).join('');
}

function defaultDoc(value: unknown): string {
  const text = JSON.stringify(value);
  return `Default: \`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\`.`;
}

export function recordBlocks(
  type: RecordType,
  slot: TypeSlot,
  ctx: TypeContext,
): (InterfaceBlock | AliasBlock)[] {
  if (type.fields.length === 0) {
    // An empty interface is any object to TypeScript; this type admits no properties.
    const docs = docLines(type.doc, [`Avro record \`${type.name}\` (no fields).`]);
    return [{ kind: 'alias', docLines: docs, name: slot.name, type: 'Record<string, never>' }];
  }
  const fields = type.fields.map((f) => ({ field: f, expr: typeOf(f.type, ctx) }));
  const typeDoc = docLines(type.doc, [`Avro record \`${type.name}\`.`]);
  const read: InterfaceBlock = {
    kind: 'interface',
    docLines: typeDoc,
    name: slot.name,
    fields: fields.map(({ field, expr }) => ({
      docLines: docLines(field.doc),
      key: propertyKey(field.name),
      optional: false,
      type: fieldType(propertyKey(field.name), false, expr, 'read'),
    })),
  };
  if (!slot.needsInput) return [read];
  const write: InterfaceBlock = {
    kind: 'interface',
    docLines: docLines(undefined, [
      `Avro record \`${type.name}\` as written: fields with a default may be left out.`,
    ]),
    name: slot.inputName,
    fields: fields.map(({ field, expr }) => ({
      docLines: docLines(
        field.doc,
        field.default === undefined ? [] : [defaultDoc(field.default.value)],
      ),
      key: propertyKey(field.name),
      optional: field.default !== undefined,
      type: fieldType(propertyKey(field.name), field.default !== undefined, expr, 'write'),
    })),
  };
  return [read, write];
}
