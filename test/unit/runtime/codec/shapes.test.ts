import { describe, expect, it } from 'vitest';
import { avroType } from '../../../../runtime/codec/avro-type.js';

describe('maps and hostile names', () => {
  it('decodes a map key __proto__ as an own property, without touching the prototype', () => {
    const t = avroType({ type: 'map', values: 'int' });
    const value = JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3}') as object;
    const decoded = t.fromBuffer(t.toBuffer(value)) as Record<string, number>;
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.keys(decoded)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(decoded['__proto__']).toBe(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('decodes a record field named __proto__ as an own property', () => {
    const t = avroType({
      type: 'record',
      name: 'R',
      fields: [
        { name: '__proto__', type: 'string' },
        { name: 'constructor', type: 'int' },
        { name: 'toString', type: 'string', default: 'x' },
      ],
    });
    const value = JSON.parse('{"__proto__": "a", "constructor": 3, "toString": "b"}') as object;
    const decoded = t.fromBuffer(t.toBuffer(value)) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe('a');
  });
});

describe('unions', () => {
  it('unwraps a union with one non-null branch', () => {
    const t = avroType(['null', 'string']);
    expect(t.fromBuffer(t.toBuffer('x'))).toBe('x');
    expect(t.fromBuffer(t.toBuffer(null))).toBeNull();
  });

  it('wraps a union with two non-null branches, keyed by branch name', () => {
    const t = avroType([
      'null',
      'string',
      { type: 'long', logicalType: 'timestamp-millis' },
      { type: 'record', name: 'a.b.Money', fields: [{ name: 'cents', type: 'long' }] },
    ]);
    const cases = [{ string: 'x' }, { long: new Date(5) }, { 'a.b.Money': { cents: 7 } }];
    for (const value of cases) expect(t.fromBuffer(t.toBuffer(value))).toEqual(value);
    expect(t.fromBuffer(t.toBuffer(null))).toBeNull();
    expect(t.isValid('x')).toBe(false);
  });
});

describe('enums and Object.prototype names', () => {
  it('rejects Object.prototype member names that are not symbols', () => {
    const t = avroType({ type: 'enum', name: 'E', symbols: ['A', 'B'] });
    for (const v of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(t.isValid(v)).toBe(false);
      expect(() => t.toBuffer(v)).toThrow();
    }
    expect(t.fromBuffer(t.toBuffer('B'))).toBe('B');
  });

  it('accepts __proto__ and constructor as symbols', () => {
    const t = avroType({ type: 'enum', name: 'E', symbols: ['__proto__', 'constructor'] });
    expect(t.fromBuffer(t.toBuffer('__proto__'))).toBe('__proto__');
    expect(t.toBuffer('constructor')).toEqual(Buffer.from([2]));
  });

  it('resolves an unknown writer symbol to the reader default', () => {
    const reader = avroType({ type: 'enum', name: 'E', symbols: ['A', 'OTHER'], default: 'OTHER' });
    const writer = avroType({ type: 'enum', name: 'E', symbols: ['A', 'NEW'] });
    expect(reader.fromBuffer(writer.toBuffer('NEW'), reader.createResolver(writer))).toBe('OTHER');
  });

  it('applies the default of a left-out field named like an Object.prototype member', () => {
    const t = avroType({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'toString', type: 'string', default: 'd' },
        { name: 'valueOf', type: 'int', default: 3 },
      ],
    });
    expect(t.isValid({})).toBe(true);
    expect({ ...(t.fromBuffer(t.toBuffer({})) as object) }).toEqual({ toString: 'd', valueOf: 3 });
  });

  it('does not let a type named toString find Object.prototype in the registry', () => {
    const t = avroType({ type: 'record', name: 'toString', fields: [{ name: 'a', type: 'int' }] });
    expect(t.fromBuffer(t.toBuffer({ a: 1 }))).toEqual({ a: 1 });
  });
});
