import { describe, expect, it } from 'vitest';
import { avroType } from '../../../runtime/codec.js';

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
