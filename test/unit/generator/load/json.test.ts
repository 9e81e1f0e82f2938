import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../generator/errors.js';
import type { Problem } from '../../../../generator/errors.js';
import {
  MAX_JSON_DEPTH,
  decodeUtf8,
  locatePointer,
  parseJson,
  parseSchema,
} from '../../../../generator/load/index.js';

function failure(run: () => unknown): Problem[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error('expected an InputError');
}

describe('parseJson', () => {
  test('parses strict JSON like JSON.parse', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n\\"\\/"], "b": {}}';
    expect(JSON.stringify(parseJson(text, 'f.json'))).toBe(JSON.stringify(JSON.parse(text)));
  });

  test('reports syntax errors as file:line:column', () => {
    const text = '{\n  "type": "record",\n  "name": "R",\n  "fields": [,]\n}';
    expect(failure(() => parseJson(text, 'f.avsc'))).toEqual([
      {
        file: 'f.avsc',
        pointer: '4:14',
        message: 'invalid JSON: unexpected character ",", expected a JSON value',
      },
    ]);
  });

  test.each([
    ['', '1:1', 'unexpected end of input, expected a JSON value'],
    ['{"a":1,}', '1:8', 'unexpected character "}", expected a string key'],
    ['[1 2]', '1:4', 'unexpected character "2", expected "," or "]"'],
    ['"abc', '1:1', 'unterminated string'],
    ['"a\\qb"', '1:3', 'invalid escape "\\q" in string'],
    ['"a\tb"', '1:3', 'character U+0009 must be escaped in a string'],
    ['01', '1:2', 'unexpected character "1", expected the end of the number'],
    ['{} x', '1:4', 'unexpected character "x", expected end of input after the JSON value'],
    ['\u0000', '1:1', 'unexpected character U+0000, expected a JSON value'],
    ['// comment\n{}', '1:1', 'unexpected character "/", expected a JSON value'],
    ['NaN', '1:1', 'unexpected character "N", expected a JSON value'],
  ])('syntax error in %j', (text, pointer, message) => {
    expect(failure(() => parseJson(text, 'f.json'))).toEqual([
      { file: 'f.json', pointer, message: `invalid JSON: ${message}` },
    ]);
  });

  test('reports every duplicate key with its position', () => {
    const text = '{"a": 1,\n "b": {"x": 1, "x": 2},\n "a": 3}';
    expect(failure(() => parseJson(text, 'f.json'))).toEqual([
      { file: 'f.json', pointer: '2:16', message: 'duplicate key "x" in the object at "/b"' },
      { file: 'f.json', pointer: '3:2', message: 'duplicate key "a" in the object at "/"' },
    ]);
  });

  test('keys such as __proto__ are plain data', () => {
    const value = parseJson('{"__proto__": {"polluted": true}}', 'f.json') as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('locatePointer finds where the value at a JSON pointer starts', () => {
    const text =
      '{\n  "fields": [\n    {"name": "a~b/c", "type": "int"},\n    {"name": "x", "type": ["null", "Nope"]}\n  ]\n}';
    expect(locatePointer(text, '/fields/1/type/1')).toBe('4:36');
    expect(locatePointer(text, '/fields/0/name')).toBe('3:14');
    expect(locatePointer(text, '/')).toBe('1:1');
    expect(locatePointer(text, '/fields/7')).toBeUndefined();
    expect(locatePointer('{"a": [1, 2', '/a/1')).toBe('1:11');
  });

  test('accepts a leading byte order mark', () => {
    expect(parseJson('\ufeff"x"', 'f.json')).toBe('x');
  });
});

describe('hostile input', () => {
  test('nesting 10,000 deep is rejected without overflowing the stack', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const [problem] = failure(() => parseSchema(deep, 'deep.avsc'));
    expect(problem).toEqual({
      file: 'deep.avsc',
      pointer: `1:${MAX_JSON_DEPTH + 1}`,
      message: `invalid JSON: arrays and objects are nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
    const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(failure(() => parseJson(objects, 'deep.json'))[0]?.message).toMatch(/nested deeper/);
  });

  test('nesting up to the limit is accepted', () => {
    const text = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseJson(text, 'f.json')).toBeInstanceOf(Array);
  });

  test('a 10 MB schema file is rejected by size', () => {
    const big = `{"type":"string","doc":"${'x'.repeat(10 * 1024 * 1024)}"}`;
    expect(failure(() => parseSchema(big, 'big.avsc'))).toEqual([
      { file: 'big.avsc', message: 'schema file is 10.0 MB, more than the limit of 4.0 MB' },
    ]);
  });

  test('10 MB of JSON parses (the parser itself has no size limit)', () => {
    const filler = 'abcdefgh\\n'.repeat(100);
    const items = Array.from({ length: 10_000 }, (_, i) => `{"n":${i},"s":"${filler}"}`);
    const text = `[${items.join(',')}]`;
    expect(text.length).toBeGreaterThan(10_000_000);
    const parsed = parseJson(text, 'big.json') as { n: number; s: string }[];
    expect(parsed).toHaveLength(10_000);
    expect(parsed[9_999]).toEqual({ n: 9_999, s: 'abcdefgh\n'.repeat(100) });
  });

  test('10 MB of garbage gives a syntax error', () => {
    const garbage = 'x'.repeat(10 * 1024 * 1024);
    expect(failure(() => parseJson(garbage, 'g.json'))[0]?.pointer).toBe('1:1');
    const unterminated = `"${'a'.repeat(10 * 1024 * 1024)}`;
    expect(failure(() => parseJson(unterminated, 'g.json'))[0]?.message).toBe(
      'invalid JSON: unterminated string',
    );
  });

  test('binary bytes: NUL bytes and invalid UTF-8', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(failure(() => decodeUtf8(bytes, 'bin.avsc'))).toEqual([
      { file: 'bin.avsc', message: 'is not valid UTF-8 text; is it a binary file?' },
    ]);
    const withNul = new Uint8Array([0x7b, 0x00, 0x7d]);
    expect(failure(() => decodeUtf8(withNul, 'bin.avsc'))).toEqual([
      { file: 'bin.avsc', message: 'contains a NUL byte at byte offset 1; is it a binary file?' },
    ]);
    expect(decodeUtf8(new TextEncoder().encode('{"a":"é"}'), 'ok.avsc')).toBe('{"a":"é"}');
  });

  test('random bytes decoded leniently still give a clean error', () => {
    let seed = 42;
    const bytes = new Uint8Array(100_000).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    const text = new TextDecoder().decode(bytes);
    expect(failure(() => parseSchema(text, 'rand.avsc'))[0]?.message).toMatch(/^invalid JSON: /);
  });
});
