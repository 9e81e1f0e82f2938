/**
 * Union defaults of any branch (Avro 1.12): the codec fills them in when a value leaves the
 * field out, and when a reader resolves data of a writer that has no such field.
 */
import { describe, expect, it } from 'vitest';
import { avroType } from 'eventc/runtime';

const writer = avroType({ type: 'record', name: 'R', fields: [{ name: 'id', type: 'string' }] });
const reader = avroType({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'note', type: ['string', 'null'], default: null },
    { name: 'count', type: ['null', 'int'], default: 3 },
    { name: 'choice', type: ['null', 'int', 'string'], default: 'x' },
    { name: 'plain', type: ['null', 'string'], default: null },
  ],
});

describe('union defaults of any branch', () => {
  it('resolve data of a writer without the fields to their defaults', () => {
    const value = reader.fromBuffer(writer.toBuffer({ id: 'a' }), reader.createResolver(writer));
    expect({ ...(value as object) }).toEqual({
      id: 'a',
      note: null,
      count: 3,
      choice: { string: 'x' },
      plain: null,
    });
  });

  it('fill in fields left out when encoding, in the right branch', () => {
    const decoded = reader.fromBuffer(reader.toBuffer({ id: 'b' })) as Record<string, unknown>;
    expect([decoded.note, decoded.count, decoded.choice]).toEqual([null, 3, { string: 'x' }]);
    // A later value replaces the default as usual, in any branch.
    const again = reader.fromBuffer(
      reader.toBuffer({ id: 'c', note: 'n', count: null, choice: { int: 1 } }),
    ) as Record<string, unknown>;
    expect([again.note, again.count, again.choice]).toEqual(['n', null, { int: 1 }]);
  });

  it('still refuse a default of no branch', () => {
    expect(() =>
      avroType({
        type: 'record',
        name: 'R',
        fields: [{ name: 'n', type: ['null', 'int'], default: 'x' }],
      }),
    ).toThrow(/incompatible field default|invalid/);
  });
});
