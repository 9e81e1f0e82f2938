/**
 * Logical types (Avro 1.11 §"Logical Types"). An invalid logical type is ignored, as the
 * specification requires and Apache Avro Java does: the schema keeps its underlying type.
 * That covers an unknown logical type, one on the wrong underlying type, and a decimal
 * without a precision, with a scale above its precision, or with a precision its fixed
 * cannot hold. Each is a warning naming the place, since the writer clearly meant something
 * and silently reading bytes would surprise.
 */
import type { LogicalType, PrimitiveName } from '../model/avro.js';
import { childPointer } from './json.js';
import type { JsonObject } from './json.js';

/** The underlying type a logical type annotates. */
export type Underlying = { primitive: PrimitiveName } | { fixedSize: number };

/** A logical type that is ignored, and why. */
export interface LogicalWarning {
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

function underlyingName(on: Underlying): string {
  return 'fixedSize' in on ? `fixed (size ${on.fixedSize})` : on.primitive;
}

function readDecimal(
  obj: JsonObject,
  on: Underlying,
  pointer: string,
  warnings: LogicalWarning[],
): LogicalType | undefined {
  const { precision, scale = 0 } = obj;
  const problems: LogicalWarning[] = [];
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
  for (const p of problems) {
    warnings.push({
      pointer: p.pointer,
      message: `${p.message}: the decimal is ignored, as Avro does, and the type stays ${underlyingName(on)}`,
    });
  }
  if (problems.length > 0 || !isInt(precision) || !isInt(scale)) return undefined;
  return { name: 'decimal', precision, scale };
}

/**
 * The logical type `obj` declares on `on`, or undefined when it declares none or one the
 * specification says to ignore; each ignored one goes to `warnings`.
 */
export function readLogicalType(
  obj: JsonObject,
  on: Underlying,
  pointer: string,
  warnings: LogicalWarning[],
): LogicalType | undefined {
  const name = obj.logicalType;
  if (name === undefined) return undefined;
  const at = childPointer(pointer, 'logicalType');
  const ignored = (why: string): undefined => {
    warnings.push({
      pointer: at,
      message: `${why}: it is ignored, as Avro does, and the type stays ${underlyingName(on)}`,
    });
    return undefined;
  };
  if (typeof name !== 'string') return ignored('"logicalType" is not a string');
  if (name === 'decimal') {
    const applies = 'fixedSize' in on || on.primitive === 'bytes';
    if (!applies) return ignored('logical type "decimal" annotates bytes or fixed only');
    return readDecimal(obj, on, pointer, warnings);
  }
  const wants = SIMPLE[name];
  if (wants === undefined) return ignored(`logical type ${JSON.stringify(name)} is unknown`);
  const fits =
    wants === 'fixed12'
      ? 'fixedSize' in on && on.fixedSize === 12
      : 'primitive' in on && on.primitive === wants;
  if (fits) return { name } as LogicalType;
  const target = wants === 'fixed12' ? 'a fixed of size 12' : wants;
  return ignored(`logical type "${name}" annotates ${target} only`);
}
