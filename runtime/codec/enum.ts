/**
 * Enums whose symbol lookups cannot hit `Object.prototype` (see `SafeEnumType`).
 */
import {
  avscBaseType,
  avscTypes,
  invalidValue,
  type ErrorHook,
  type InternalEnumType,
  type Resolver,
  type Tap,
} from './internals.js';

interface EnumSchema {
  symbols: string[];
  default?: string;
}

interface SafeEnum extends InternalEnumType {
  _indices: Map<string, number>;
}

/**
 * An enum whose symbol lookups cannot hit `Object.prototype`: avsc keeps the symbol indices
 * in a `{}`, so it rejects a symbol named `__proto__` as a duplicate and accepts
 * `'constructor'` or `'toString'` as valid values of any enum. Built like avsc's enum, with
 * the indices in a `Map`.
 */
export class SafeEnumType {
  constructor(schema: EnumSchema, opts: unknown) {
    const self = Object.create(SafeEnumType.prototype) as SafeEnum;
    avscBaseType.call(self, schema, opts);
    if (!Array.isArray(schema.symbols) || schema.symbols.length === 0) {
      throw new Error(`invalid enum symbols: ${JSON.stringify(schema.symbols)}`);
    }
    const target = self as unknown as Record<string, unknown>;
    target['symbols'] = Object.freeze(schema.symbols.slice());
    self._indices = new Map();
    schema.symbols.forEach((symbol, i) => {
      if (self._indices.has(symbol)) throw new Error(`duplicate enum symbol: ${symbol}`);
      self._indices.set(symbol, i);
    });
    if (schema.default !== undefined && !self._indices.has(schema.default)) {
      throw new Error(`invalid enum default: ${JSON.stringify(schema.default)}`);
    }
    target['default'] = schema.default;
    target['_branchConstructor'] = (
      self as unknown as { _createBranchConstructor(): unknown }
    )._createBranchConstructor();
    Object.freeze(self);
    return self as unknown as SafeEnumType;
  }

  _check(this: SafeEnum, value: unknown, _flags: unknown, hook?: ErrorHook): boolean {
    const ok = typeof value === 'string' && this._indices.has(value);
    if (!ok && hook) hook(value, this);
    return ok;
  }

  _write(this: SafeEnum, tap: Tap, value: unknown): void {
    const index = typeof value === 'string' ? this._indices.get(value) : undefined;
    if (index === undefined) throw invalidValue(value, 'enum');
    (tap as unknown as { writeLong(n: number): void }).writeLong(index);
  }

  compare(this: SafeEnum, a: string, b: string): number {
    const d = (this._indices.get(a) ?? -1) - (this._indices.get(b) ?? -1);
    return d < 0 ? -1 : d > 0 ? 1 : 0;
  }

  _update(
    this: SafeEnum,
    resolver: Resolver & { symbols?: unknown },
    writer: InternalEnumType,
    opts: unknown,
  ): void {
    const sameName =
      (writer as unknown as { name: string }).name === (this as unknown as { name: string }).name;
    const aliases = ((this as unknown as { aliases?: string[] }).aliases ?? []).includes(
      (writer as unknown as { name: string }).name,
    );
    const ignore = (opts as { ignoreNamespaces?: boolean } | undefined)?.ignoreNamespaces;
    if (writer.typeName !== 'enum' || !(sameName || aliases || ignore)) return;
    const fallback = this.default;
    if (fallback === undefined && !writer.symbols.every((s) => this._indices.has(s))) return;
    resolver.symbols = writer.symbols.map((s) => (this._indices.has(s) ? s : fallback));
    resolver._read = writer._read;
  }
}
Object.setPrototypeOf(SafeEnumType.prototype, avscTypes.EnumType.prototype);
