/** TYPE_MISMATCH: the writer's type cannot be read as the reader's type. */
import { incompatibility, type Describer } from '../incompatibility.js';
import { describeWhere, type LocationStack } from '../location.js';
import { avroType, type AvroType, type Node } from '../nodes.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const typeMismatchRule: CompatRule = {
  id: 'TYPE_MISMATCH',
  purpose:
    'A reader reads a value only as the same type or a promotion of it (int to long, float or double; long to float or double; float to double; string and bytes either way).',
};

/** For each reader type, the other writer types it reads by promotion (Avro specification). */
const PROMOTED_FROM: Partial<Record<AvroType, readonly AvroType[]>> = {
  LONG: ['INT'],
  FLOAT: ['INT', 'LONG'],
  DOUBLE: ['INT', 'LONG', 'FLOAT'],
  BYTES: ['STRING'],
  STRING: ['BYTES'],
};

/** Whether a reader of type `reader` reads data of the different type `writer`. */
export function promotes(reader: AvroType, writer: AvroType): boolean {
  return PROMOTED_FROM[reader]?.includes(writer) ?? false;
}

/** The types a writer type can be read as, besides itself. */
function readableAs(writer: AvroType): string[] {
  return Object.entries(PROMOTED_FROM)
    .filter(([, from]) => from.includes(writer))
    .map(([to]) => to.toLowerCase());
}

export function typeMismatch(
  d: Describer,
  reader: Node,
  writer: Node,
  stack: LocationStack,
): Incompatibility {
  const w = d.writer(writer);
  const r = d.reader(reader);
  const [from, to] = d.forward ? [r, w] : [w, r];
  let fix: string;
  if (d.forward) {
    const accepted = (PROMOTED_FROM[avroType(reader)] ?? []).map((t) => t.toLowerCase());
    fix =
      accepted.length > 0
        ? `keep ${r}, or change it to a type ${r} readers accept (${accepted.join(', ')})`
        : `keep ${r}, or add a new field with the new type`;
  } else {
    const readable = readableAs(avroType(writer));
    fix =
      readable.length > 0
        ? `keep ${w}, or change it to a type ${w} is promoted to (${readable.join(', ')})`
        : `keep ${w}, or add a new field with the new type`;
  }
  return incompatibility(
    'TYPE_MISMATCH',
    stack,
    `${describeWhere(stack)} changed from ${from} to ${to}`,
    `reader type: ${avroType(reader)} not compatible with writer type: ${avroType(writer)}`,
    fix,
  );
}

/**
 * Apache Avro's checker compares a reader enum field that is missing in the writer (and has
 * no field default but an enum default) with the writer record itself: always a type
 * mismatch. The finding says what is really wrong.
 */
export function missingEnumFieldMismatch(
  d: Describer,
  reader: Node,
  writer: Node,
  stack: LocationStack,
): Incompatibility {
  const field = describeWhere(stack);
  const why = "(an enum's default symbol does not count for a missing field)";
  return incompatibility(
    'TYPE_MISMATCH',
    stack,
    d.forward
      ? `${field} was removed, and the older schema has no default for it ${why}`
      : `${field} was added without a default ${why}`,
    `reader type: ${avroType(reader)} not compatible with writer type: ${avroType(writer)}`,
    d.forward ? `keep ${field}` : `add a default to ${field}`,
  );
}
