import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../generator/errors.js';
import { parseSchema } from '../../../../generator/load/index.js';

const FILE = 'd.avsc';

/** The problem messages for one field of type `type` with default `value`. */
function check(type: unknown, value: unknown, extraFields: unknown[] = []): string[] {
  const schema = {
    type: 'record',
    name: 'R',
    fields: [...extraFields, { name: 'f', type, default: value }],
  };
  try {
    parseSchema(JSON.stringify(schema), FILE);
    return [];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.problems.map((p) => `${p.pointer}: ${p.message}`);
  }
}

const at = `/fields/0/default`;

describe('default values', () => {
  test.each([
    ['null', null],
    ['boolean', false],
    ['int', -2147483648],
    ['int', 2147483647],
    ['long', Number.MAX_SAFE_INTEGER],
    ['float', 1.5],
    ['double', -0.25],
    ['bytes', '\u00ff\u0000'],
    ['string', 'ü'],
    [{ type: 'long', logicalType: 'timestamp-millis' }, 0],
    [{ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }, '\u0001'],
    [{ type: 'array', items: 'int' }, [1, 2]],
    [{ type: 'map', values: 'string' }, { a: 'b' }],
    [['null', 'string'], null],
    [['string', 'null'], 'x'],
    [{ type: 'enum', name: 'E', symbols: ['A', 'B'] }, 'B'],
    [{ type: 'fixed', name: 'F', size: 2 }, '\u00ab\u00cd'],
  ])('%j accepts %j', (type, value) => {
    expect(check(type, value)).toEqual([]);
  });

  test.each([
    ['null', 0, 'default 0 does not match "null": expected null'],
    ['boolean', 'true', 'default "true" does not match "boolean": expected true or false'],
    [
      'int',
      2147483648,
      'default 2147483648 does not match "int": out of the int range -2147483648..2147483647',
    ],
    ['int', 1.5, 'default 1.5 does not match "int": expected an integer'],
    [
      'long',
      2 ** 53,
      'default 9007199254740992 does not match "long": outside -(2^53-1)..2^53-1, the integers a JavaScript number holds exactly',
    ],
    ['long', '1', 'default "1" does not match "long": expected an integer'],
    ['double', 'NaN', 'default "NaN" does not match "double": expected a number'],
    [
      'bytes',
      'Ā',
      'default "Ā" does not match "bytes": expected a string of code points 0-255 (one per byte, e.g. "\\u00ff")',
    ],
    ['string', null, 'default null does not match "string": expected a string'],
    [{ type: 'array', items: 'int' }, {}, 'default {} does not match an array: expected an array'],
    [{ type: 'map', values: 'int' }, [], 'default [] does not match a map: expected an object'],
    [
      { type: 'enum', name: 'E', symbols: ['A'] },
      'B',
      'default "B" does not match enum "E": expected one of the symbols ["A"]',
    ],
    [
      { type: 'fixed', name: 'F', size: 2 },
      'abc',
      'default "abc" does not match fixed "F": expected exactly 2 bytes, got 3',
    ],
  ])('%j rejects %j', (type, value, message) => {
    expect(check(type, value)).toEqual([`${at}: ${message}`]);
  });

  test('a union default may be a value of any branch (Avro 1.12), and must be one of them', () => {
    expect(check(['null', 'string'], 'x')).toEqual([]);
    expect(check(['string', 'null'], null)).toEqual([]);
    expect(check(['null', 'int'], 'x')).toEqual([
      `${at}: default "x" does not match a union: no branch of the union takes it (its first branch: default "x" does not match "null": expected null)`,
    ]);
  });

  test('array and map defaults are checked element by element', () => {
    expect(check({ type: 'array', items: 'int' }, [1, 'two'])).toEqual([
      `${at}/1: default "two" does not match "int": expected an integer`,
    ]);
    expect(check({ type: 'map', values: 'int' }, { a: 1, 'b/c': null })).toEqual([
      `${at}/b~1c: default null does not match "int": expected an integer`,
    ]);
  });

  test('record defaults need every field without its own default', () => {
    const money = {
      type: 'record',
      name: 'Money',
      fields: [
        { name: 'units', type: 'long' },
        { name: 'currency', type: 'string', default: 'EUR' },
      ],
    };
    expect(check(money, { units: 5 })).toEqual([]);
    expect(check(money, { currency: 'USD' })).toEqual([
      `${at}: default {"currency":"USD"} does not match record "Money": missing field "units", which has no default`,
    ]);
    expect(check(money, { units: 'five' })).toEqual([
      `${at}/units: default "five" does not match "long": expected an integer`,
    ]);
  });

  test('recursive record defaults', () => {
    const node = {
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'v', type: 'int' },
        { name: 'next', type: ['null', 'Node'], default: null },
      ],
    };
    expect(check(node, { v: 1 })).toEqual([]);
    expect(check(node, { v: 1, next: { v: 2 } })).toEqual([]);
    expect(check(node, { v: 1, next: { v: 'two' } })).toEqual([
      `${at}/next: default {"v":"two"} does not match a union: no branch of the union takes it (its first branch: default {"v":"two"} does not match "null": expected null)`,
    ]);
  });

  test('a record cannot take a value of itself, or of a record enclosing it, as a default', () => {
    // Apache Avro Java refuses these ("Schema fields not set yet"): the value never ends.
    const self = `default {"n":1} is a value of record "R", which is still being defined here: a record cannot take a value of itself (or of a record enclosing it) as a default, since that value would never end; make the field nullable with a null default (["null", "R"], default null), or leave the default out`;
    const n = [{ name: 'n', type: 'int' }];
    expect(check('R', { n: 1 }, n)).toEqual([`/fields/1/default: ${self}`]);
    expect(check(['R', 'null'], { n: 1 }, n)).toEqual([`/fields/1/default: ${self}`]);
    expect(check({ type: 'array', items: 'R' }, [{ n: 1 }], n)).toEqual([
      `/fields/1/default/0: ${self}`,
    ]);
    // No value of R is needed: fine, as Java has it.
    expect(check(['null', 'R'], null, n)).toEqual([]);
    expect(check({ type: 'array', items: 'R' }, [], n)).toEqual([]);
    // A record defined inside R, whose field defaults to a value of R.
    const inner = {
      type: 'record',
      name: 'Inner',
      fields: [{ name: 'outer', type: 'R', default: { n: 1, f: { outer: null } } }],
    };
    expect(check(inner, { outer: { n: 2 } }, n)[0]).toMatch(
      /^\/fields\/1\/type\/fields\/0\/default: default .* is a value of record "R", which is still being defined here/,
    );
    // Once R is defined, another record's field may default to a value of it.
    const later = {
      type: 'record',
      name: 'Outer',
      fields: [
        { name: 'first', type: { type: 'record', name: 'Leaf', fields: n } },
        { name: 'second', type: 'Leaf', default: { n: 3 } },
      ],
    };
    expect(check(later, { first: { n: 1 }, second: { n: 2 } })).toEqual([]);
  });

  test('defaults that use a type defined earlier in the file', () => {
    const extra = [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } }];
    expect(check('E', 'A', extra)).toEqual([]);
    expect(check('E', 'C', extra)).toEqual([
      '/fields/1/default: default "C" does not match enum "E": expected one of the symbols ["A","B"]',
    ]);
  });
});
