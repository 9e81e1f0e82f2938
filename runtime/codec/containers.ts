/**
 * Maps and records that are safe for any key or field name. avsc builds decoded maps with
 * `{}` and assigns record fields with `this.<name> = ...`, so a map key or field named
 * `__proto__` would set the prototype instead of a property. eventc decodes maps into
 * objects created with `Object.create(null)` (no prototype: every key is an own property),
 * and gives records that have such a field a constructor that defines properties.
 */
import { avscTypes, invalidValue, type InternalField, type Tap } from './internals.js';

/** avsc's cursor, with the two readers maps need. */
interface MapTap extends Tap {
  readLong(): number;
  readString(): string;
}

function readBlockCount(tap: MapTap): number {
  let n = tap.readLong();
  if (n < 0) {
    n = -n;
    tap.readLong(); // block size in bytes, not needed
  }
  return n;
}

/** An Avro map decoded into a prototype-less object. */
export class SafeMapType extends avscTypes.MapType {
  override _read(tap: Tap): Record<string, unknown> {
    const values = this.valuesType;
    const mapTap = tap as MapTap;
    const result = Object.create(null) as Record<string, unknown>;
    let n: number;
    while ((n = readBlockCount(mapTap))) {
      while (n--) {
        const key = mapTap.readString();
        result[key] = values._read(tap);
      }
    }
    return result;
  }

  override _copy(value: unknown, opts?: { coerce?: number }): Record<string, unknown> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw invalidValue(value, 'map');
    }
    const values = this.valuesType;
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      copy[key] = values._copy((value as Record<string, unknown>)[key], opts);
    }
    return copy;
  }
}

/**
 * Field names avsc's generated record code mishandles: `__proto__` is not stored by a plain
 * assignment, and a left-out field named like any `Object.prototype` member reads as that
 * member instead of `undefined` (so its default would not apply).
 */
export const UNSAFE_FIELD_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);

type RecordFn = (this: unknown, ...args: unknown[]) => unknown;
const recordProto = avscTypes.RecordType.prototype as unknown as Record<string, () => RecordFn>;

/**
 * A record with such a field: values are viewed through a prototype-less copy (left-out
 * fields are `undefined`) before checking and writing, and decoded objects define every
 * field as an own property.
 */
export class SafeRecordType extends avscTypes.RecordType {
  /** The value with every unsafe field name as an own property (undefined when left out). */
  private ownView(value: unknown): unknown {
    if (!value || typeof value !== 'object') return value;
    const names = (this.fields as readonly InternalField[])
      .map((f) => f.name)
      .filter((n) => UNSAFE_FIELD_NAMES.has(n) && !Object.hasOwn(value, n));
    if (names.length === 0) return value;
    const view = Object.assign(Object.create(null) as Record<string, unknown>, value);
    for (const n of names) view[n] = undefined;
    return view;
  }

  _createWriter(): RecordFn {
    const inner = recordProto['_createWriter']!.call(this);
    const view = (value: unknown): unknown => this.ownView(value);
    return function (this: unknown, tap: unknown, value: unknown) {
      return inner.call(this, tap, view(value));
    };
  }

  _createChecker(): RecordFn {
    const inner = recordProto['_createChecker']!.call(this);
    const view = (value: unknown): unknown => this.ownView(value);
    return function (this: unknown, value: unknown, ...rest: unknown[]) {
      return inner.call(this, view(value), ...rest);
    };
  }

  _createConstructor(): new (...values: unknown[]) => object {
    const fields = this.fields as readonly InternalField[];
    const defaults = fields.map((f) =>
      f.defaultValue() === undefined ? undefined : f.defaultValue,
    );
    function SafeRecord(this: object, ...values: unknown[]): void {
      for (let i = 0; i < fields.length; i++) {
        const makeDefault = defaults[i];
        let v = values[i];
        if (v === undefined && makeDefault) v = makeDefault();
        Object.defineProperty(this, fields[i]!.name, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }
    return SafeRecord as unknown as new (...values: unknown[]) => object;
  }
}
