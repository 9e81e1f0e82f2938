import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../generator/errors.js';
import type { Problem } from '../../../../generator/errors.js';
import { parseSchema } from '../../../../generator/load/index.js';
import type { NamedType } from '../../../../generator/model/avro.js';

const FILE = 'schemas/shop/Test/v1.avsc';

function problems(schema: unknown, known?: ReadonlyMap<string, NamedType>): Problem[] {
  try {
    parseSchema(JSON.stringify(schema), FILE, known ? { known } : {});
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error('expected an InputError');
}

/** One record with the given fields, in namespace `n`. */
function record(fields: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { type: 'record', name: 'R', namespace: 'n', fields, ...extra };
}

function only(schema: unknown, known?: ReadonlyMap<string, NamedType>): Problem {
  const found = problems(schema, known);
  expect(found).toHaveLength(1);
  return found[0] as Problem;
}

describe('parseSchema problems', () => {
  test('invalid record name', () => {
    expect(only({ type: 'record', name: '1R', fields: [] })).toEqual({
      file: FILE,
      pointer: '/name',
      message:
        'name "1R" is not a valid Avro name: it must start with a letter or "_" and contain only letters, digits and "_"',
    });
  });

  test('invalid part of a dotted name (the null namespace inside a full name)', () => {
    expect(only({ type: 'record', name: 'a..R', fields: [] })).toMatchObject({
      pointer: '/name',
      message: expect.stringContaining(
        'in name "a..R", part "" is not a valid Avro name',
      ) as string,
    });
  });

  test('invalid namespace', () => {
    expect(only(record([], { namespace: 'com.1shop' }))).toMatchObject({
      pointer: '/namespace',
      message:
        'namespace "com.1shop" is not valid: it must be empty (the null namespace) or dot-separated Avro names',
    });
  });

  test('a named type called after a primitive', () => {
    expect(only({ type: 'enum', name: 'int', symbols: ['A'] })).toMatchObject({
      pointer: '/name',
      message: 'a named type cannot be called "int", a primitive type name',
    });
  });

  test('invalid field name', () => {
    expect(only(record([{ name: 'a-b', type: 'int' }]))).toMatchObject({
      pointer: '/fields/0/name',
      message: expect.stringMatching(/^field name "a-b" is not a valid Avro name/) as string,
    });
  });

  test('duplicate field names', () => {
    const schema = record([
      { name: 'a', type: 'int' },
      { name: 'b', type: 'int' },
      { name: 'a', type: 'string' },
    ]);
    expect(only(schema)).toEqual({
      file: FILE,
      pointer: '/fields/2/name',
      message: 'duplicate field name "a": field 0 has the same name',
    });
  });

  test('duplicate enum symbols', () => {
    expect(only({ type: 'enum', name: 'E', symbols: ['A', 'B', 'A'] })).toMatchObject({
      pointer: '/symbols/2',
      message: 'duplicate enum symbol "A"',
    });
  });

  test('invalid enum symbol', () => {
    expect(only({ type: 'enum', name: 'E', symbols: ['A', 'b c'] })).toMatchObject({
      pointer: '/symbols/1',
      message: expect.stringMatching(/^enum symbol "b c" is not a valid Avro name/) as string,
    });
  });

  test('enum default not among the symbols', () => {
    expect(only({ type: 'enum', name: 'E', symbols: ['A', 'B'], default: 'C' })).toMatchObject({
      pointer: '/default',
      message: 'enum default "C" is not one of its symbols ["A","B"]',
    });
  });

  test('unknown type with a suggestion', () => {
    const schema = record([
      { name: 'e', type: { type: 'enum', name: 'Status', symbols: ['A'] } },
      { name: 'f', type: ['null', 'Stauts'] },
    ]);
    expect(only(schema)).toEqual({
      file: FILE,
      pointer: '/fields/1/type/1',
      message: 'unknown type "Stauts". Did you mean "n.Status"?',
    });
  });

  test('a misspelt primitive type', () => {
    expect(only(record([{ name: 'f', type: 'strin' }]))).toMatchObject({
      pointer: '/fields/0/type',
      message: 'unknown type "strin". Did you mean "string"?',
    });
  });

  test('unknown type without a close match', () => {
    expect(only(record([{ name: 'f', type: 'Completely' }]))).toMatchObject({
      pointer: '/fields/0/type',
      message: 'unknown type "Completely".',
    });
  });

  test('a type used before its definition', () => {
    const schema = record([
      { name: 'a', type: 'E' },
      { name: 'b', type: { type: 'enum', name: 'E', symbols: ['X'] } },
    ]);
    expect(only(schema)).toMatchObject({
      pointer: '/fields/0/type',
      message: expect.stringContaining(
        'type "n.E" is used before its definition at "/fields/1/type"',
      ) as string,
    });
  });

  test('a full name defined twice in one file', () => {
    const schema = record([
      { name: 'a', type: { type: 'fixed', name: 'F', size: 2 } },
      { name: 'b', type: { type: 'fixed', name: 'n.F', size: 3 } },
    ]);
    expect(only(schema)).toMatchObject({
      pointer: '/fields/1/type/name',
      message: `type "n.F" is already defined at ${FILE}:/fields/0/type; a full name can be defined only once`,
    });
  });

  test('a full name already defined by a shared type', () => {
    const shared = parseSchema(
      JSON.stringify({ type: 'enum', name: 'n.E', symbols: ['A'] }),
      'schemas/shop/common/E.avsc',
    );
    expect(
      only({ type: 'enum', name: 'E', namespace: 'n', symbols: ['B'] }, shared.named),
    ).toMatchObject({
      pointer: '/name',
      message:
        'type "n.E" is already defined at schemas/shop/common/E.avsc:/; a full name can be defined only once',
    });
  });

  test('fixed size must be a non-negative integer', () => {
    expect(only({ type: 'fixed', name: 'F', size: -1 })).toMatchObject({
      pointer: '/size',
      message: 'a fixed needs a "size" that is a non-negative integer, not -1',
    });
    expect(only({ type: 'fixed', name: 'F', size: 1.5 })).toMatchObject({ pointer: '/size' });
    expect(only({ type: 'fixed', name: 'F' })).toMatchObject({ pointer: '/' });
  });

  test('an invalid decimal is ignored with a warning and keeps its underlying type', () => {
    const warned = (type: unknown) => {
      const set = parseSchema(JSON.stringify(record([{ name: 'd', type }])), FILE);
      const r = set.named.get('n.R');
      return {
        type: r?.kind === 'record' ? r.fields[0]!.type : undefined,
        warnings: (set.warnings ?? []).map((w) => `${w.file}:${w.pointer}: ${w.message}`),
      };
    };
    const bytes = (extra: object) => ({ type: 'bytes', logicalType: 'decimal', ...extra });
    expect(warned(bytes({ precision: 0 }))).toEqual({
      type: { kind: 'primitive', type: 'bytes' },
      warnings: [
        `${FILE}:/fields/0/type/precision: decimal precision must be a positive integer, got 0: the decimal is ignored, as Avro does, and the type stays bytes`,
      ],
    });
    expect(warned(bytes({})).warnings).toEqual([
      `${FILE}:/fields/0/type/precision: decimal precision must be a positive integer, got null: the decimal is ignored, as Avro does, and the type stays bytes`,
    ]);
    expect(warned(bytes({ precision: 4, scale: 5 })).warnings).toEqual([
      `${FILE}:/fields/0/type/scale: decimal scale 5 is greater than its precision 4: the decimal is ignored, as Avro does, and the type stays bytes`,
    ]);
    expect(warned(bytes({ precision: 4, scale: -1 })).warnings).toEqual([
      `${FILE}:/fields/0/type/scale: decimal scale must be a non-negative integer, got -1: the decimal is ignored, as Avro does, and the type stays bytes`,
    ]);
    const fixed = { type: 'fixed', name: 'D', size: 2, logicalType: 'decimal', precision: 5 };
    const set = parseSchema(JSON.stringify(fixed), FILE);
    expect(set.named.get('D')).not.toHaveProperty('logicalType');
    expect(set.warnings).toEqual([
      {
        file: FILE,
        pointer: '/precision',
        message:
          'decimal precision 5 does not fit in a fixed of 2 bytes (at most 4): the decimal is ignored, as Avro does, and the type stays fixed (size 2)',
      },
    ]);
    const ok = parseSchema(JSON.stringify({ ...fixed, precision: 4 }), FILE);
    expect(ok.named.get('D')).toMatchObject({
      logicalType: { name: 'decimal', precision: 4, scale: 0 },
    });
    expect(ok.warnings).toBeUndefined();
  });

  test('invalid logical types are ignored with a warning and keep the underlying type', () => {
    const set = parseSchema(
      JSON.stringify(
        record([
          { name: 'a', type: { type: 'string', logicalType: 'date' } },
          { name: 'b', type: { type: 'int', logicalType: 'no-such-type' } },
          { name: 'c', type: { type: 'fixed', name: 'Dur', size: 8, logicalType: 'duration' } },
          { name: 'd', type: { type: 'int', logicalType: 'date' } },
          { name: 'e', type: { type: 'long', logicalType: 'decimal', precision: 3 } },
        ]),
      ),
      FILE,
    );
    const r = set.named.get('n.R');
    expect(r?.kind === 'record' && r.fields.map((f) => f.type)).toEqual([
      { kind: 'primitive', type: 'string' },
      { kind: 'primitive', type: 'int' },
      { kind: 'ref', name: 'n.Dur' },
      { kind: 'primitive', type: 'int', logicalType: { name: 'date' } },
      { kind: 'primitive', type: 'long' },
    ]);
    expect(set.named.get('n.Dur')).not.toHaveProperty('logicalType');
    expect(set.warnings?.map((w) => `${w.pointer}: ${w.message}`)).toEqual([
      '/fields/0/type/logicalType: logical type "date" annotates int only: it is ignored, as Avro does, and the type stays string',
      '/fields/1/type/logicalType: logical type "no-such-type" is unknown: it is ignored, as Avro does, and the type stays int',
      '/fields/2/type/logicalType: logical type "duration" annotates a fixed of size 12 only: it is ignored, as Avro does, and the type stays fixed (size 8)',
      '/fields/4/type/logicalType: logical type "decimal" annotates bytes or fixed only: it is ignored, as Avro does, and the type stays long',
    ]);
  });

  test('a named type called after a primitive, also inside a namespace', () => {
    expect(
      only(record([{ name: 'a', type: { type: 'fixed', name: 'string', size: 1 } }])),
    ).toMatchObject({
      pointer: '/fields/0/type/name',
      message: 'a named type cannot be called "string", a primitive type name',
    });
  });

  test('an empty union', () => {
    expect(only(record([{ name: 'u', type: [] }]))).toMatchObject({
      pointer: '/fields/0/type',
      message: 'a union needs at least one branch',
    });
  });

  test('a union directly inside a union', () => {
    expect(only(record([{ name: 'u', type: ['null', ['int', 'string']] }]))).toMatchObject({
      pointer: '/fields/0/type/1',
      message: 'a union cannot contain another union directly',
    });
  });

  test('duplicate union branches: the same unnamed type twice', () => {
    const schema = record([
      { name: 'u', type: ['int', { type: 'int', logicalType: 'date' }] },
      {
        name: 'v',
        type: [
          { type: 'array', items: 'int' },
          { type: 'array', items: 'string' },
        ],
      },
    ]);
    expect(problems(schema)).toEqual([
      {
        file: FILE,
        pointer: '/fields/0/type/1',
        message:
          'duplicate union branch "int": it already appears at index 0; a union may hold each type (and each named type) only once',
      },
      {
        file: FILE,
        pointer: '/fields/1/type/1',
        message:
          'duplicate union branch "array": it already appears at index 0; a union may hold each type (and each named type) only once',
      },
    ]);
  });

  test('duplicate union branches: the same named type twice; different named types are fine', () => {
    const schema = record([
      { name: 'a', type: { type: 'fixed', name: 'F', size: 1 } },
      { name: 'b', type: { type: 'fixed', name: 'G', size: 1 } },
      { name: 'ok', type: ['F', 'G'] },
      { name: 'dup', type: ['F', 'n.F'] },
    ]);
    expect(only(schema)).toMatchObject({
      pointer: '/fields/3/type/1',
      message: expect.stringMatching(/^duplicate union branch "n.F"/) as string,
    });
  });

  test('invalid aliases', () => {
    const schema = record([{ name: 'a', type: 'int', aliases: ['ok', 'not ok'] }], {
      aliases: ['Old', 'x..y'],
    });
    expect(problems(schema).map((p) => p.pointer)).toEqual(['/aliases/1', '/fields/0/aliases/1']);
  });

  test('aliases of named types become full names in the type namespace', () => {
    const set = parseSchema(JSON.stringify(record([], { aliases: ['Old', 'other.Older'] })), FILE);
    expect(set.named.get('n.R')?.aliases).toEqual(['n.Old', 'other.Older']);
  });

  test('reports every problem, not only the first', () => {
    const schema = record([
      { name: '1a', type: 'int' },
      { name: 'b', type: 'Nope' },
      { name: 'c', type: 'int', default: 'x' },
      { name: 'd' },
    ]);
    expect(problems(schema).map((p) => p.pointer)).toEqual([
      '/fields/0/name',
      '/fields/1/type',
      '/fields/3',
      '/fields/2/default',
    ]);
  });

  test('a default is not checked against a type that has problems', () => {
    expect(problems(record([{ name: 'a', type: ['Nope', 'int'], default: 'x' }]))).toEqual([
      { file: FILE, pointer: '/fields/0/type/0', message: 'unknown type "Nope".' },
    ]);
  });

  test('schema shape errors', () => {
    expect(only(42)).toMatchObject({ pointer: '/' });
    expect(only({ name: 'X' })).toMatchObject({
      message: 'a schema object needs a "type" attribute',
    });
    expect(only({ type: 'array' })).toMatchObject({
      message: 'an array schema needs an "items" attribute',
    });
    expect(only({ type: 'record', name: 'R' })).toMatchObject({
      message: 'a record needs a "fields" array',
    });
    expect(only(record([{ name: 'a', type: 'int', order: 'up' }]))).toMatchObject({
      pointer: '/fields/0/order',
    });
  });
});
