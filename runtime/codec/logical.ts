/**
 * The base of eventc's logical types. Each maps between the Avro value (the underlying
 * type's) and the TypeScript value the generated types declare. Schema resolution follows
 * the Avro specification: a writer with the same logical type is read as is; any other
 * writer is resolved through the underlying types and converted.
 */
import { avscTypes, type InternalType, type Resolver, type Tap } from './internals.js';

export abstract class EventcLogicalType extends avscTypes.LogicalType {
  /** Avro value → TypeScript value. */
  abstract _fromValue(value: unknown): unknown;
  /** TypeScript value → Avro value; `undefined` when the value is not valid. */
  abstract _toValue(value: unknown): unknown;

  /** Whether a writer of this same logical type encodes values this type reads as is. */
  protected sameEncoding(writer: InternalType): boolean {
    return writer.typeName === this.typeName;
  }

  _resolve(): undefined {
    return undefined;
  }

  override _update(resolver: Resolver, writer: InternalType, opts: unknown): void {
    if (this.sameEncoding(writer)) {
      resolver._read = (tap: Tap) => writer._read(tap);
      return;
    }
    const source = writer.typeName.startsWith('logical:')
      ? (writer as unknown as { underlyingType: InternalType }).underlyingType
      : writer;
    const under = this.underlyingType.createResolver(source, opts);
    resolver._read = (tap: Tap) => this._fromValue(under._read(tap));
  }
}

/** Zero-pads a non-negative integer. */
export function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}
