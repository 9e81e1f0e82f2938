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

/** Field names that a plain assignment would not store as an own property. */
export const UNSAFE_FIELD_NAMES: ReadonlySet<string> = new Set(['__proto__']);

/** A record whose decoded objects define every field as an own property. */
export class SafeRecordType extends avscTypes.RecordType {
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
