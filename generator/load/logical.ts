/**
 * Logical types (Avro 1.11 §"Logical Types"). A logical type on the wrong underlying type,
 * or an unknown one, is ignored as the specification requires: the schema keeps its
 * underlying type. A decimal with invalid precision or scale is reported as a problem,
 * because the writer clearly meant a decimal and silently reading bytes would surprise.
 */
import type { LogicalType, PrimitiveName } from '../model/avro.js';
import { childPointer } from './json.js';
import type { JsonObject } from './json.js';

/** The underlying type a logical type annotates. */
export type Underlying = { primitive: PrimitiveName } | { fixedSize: number };

export interface LogicalProblem {
  pointer: string;
  message: string;
}

const SIMPLE: Record<string, PrimitiveName | 'fixed12'> = {
  uuid: 'string',
  date: 'int',
  'time-millis': 'int',
  'time-micros': 'long',
  'timestamp-millis': 'long',
  'timestamp-micros': 'long',
  'local-timestamp-millis': 'long',
  'local-timestamp-micros': 'long',
  duration: 'fixed12',
};

/** Largest decimal precision a fixed of `size` bytes can hold: floor(log10(2^(8n-1) - 1)). */
export function maxDecimalPrecision(size: number): number {
  if (size <= 0) return 0;
  // For large sizes 2^(8n-1) - 1 and 2^(8n-1) have the same number of digits.
  if (size > 6) return Math.floor((8 * size - 1) * Math.log10(2));
  return Math.floor(Math.log10(2 ** (8 * size - 1) - 1));
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function readDecimal(
  obj: JsonObject,
  on: Underlying,
  pointer: string,
  problems: LogicalProblem[],
): LogicalType | undefined {
  const { precision, scale = 0 } = obj;
  const before = problems.length;
  if (!isInt(precision) || precision <= 0) {
    problems.push({
      pointer: childPointer(pointer, 'precision'),
      message: `decimal precision must be a positive integer, got ${JSON.stringify(precision ?? null)}`,
    });
  } else if ('fixedSize' in on && precision > maxDecimalPrecision(on.fixedSize)) {
    problems.push({
      pointer: childPointer(pointer, 'precision'),
      message: `decimal precision ${precision} does not fit in a fixed of ${on.fixedSize} bytes (at most ${maxDecimalPrecision(on.fixedSize)})`,
    });
  }
  if (!isInt(scale) || scale < 0) {
    problems.push({
      pointer: childPointer(pointer, 'scale'),
      message: `decimal scale must be a non-negative integer, got ${JSON.stringify(scale)}`,
    });
  } else if (isInt(precision) && precision > 0 && scale > precision) {
    problems.push({
      pointer: childPointer(pointer, 'scale'),
      message: `decimal scale ${scale} is greater than its precision ${precision}`,
    });
  }
  if (problems.length > before || !isInt(precision) || !isInt(scale)) return undefined;
  return { name: 'decimal', precision, scale };
}

/**
 * The logical type `obj` declares on `on`, or undefined when it declares none or one the
 * specification says to ignore. Decimal parameter errors go to `problems`.
 */
export function readLogicalType(
  obj: JsonObject,
  on: Underlying,
  pointer: string,
  problems: LogicalProblem[],
): LogicalType | undefined {
  const name = obj.logicalType;
  if (typeof name !== 'string') return undefined;
  if (name === 'decimal') {
    const applies = 'fixedSize' in on || on.primitive === 'bytes';
    return applies ? readDecimal(obj, on, pointer, problems) : undefined;
  }
  const wants = SIMPLE[name];
  if (wants === undefined) return undefined;
  const fits =
    wants === 'fixed12'
      ? 'fixedSize' in on && on.fixedSize === 12
      : 'primitive' in on && on.primitive === wants;
  return fits ? ({ name } as LogicalType) : undefined;
}
