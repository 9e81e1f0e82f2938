import avsc from 'avsc';
import { describe, expect, test } from 'vitest';
import { parseSchema } from '../../../../generator/load/index.js';

/** Canonical form as avsc computes it (it implements the same specification section). */
function avscCanonical(schema: unknown): string {
  return JSON.stringify(avsc.Type.forSchema(schema as avsc.Schema).schema({ exportAttrs: false }));
}

const cases: Record<string, unknown> = {
  primitive: 'int',
  'primitive object with attributes': { type: 'string', logicalType: 'uuid', doc: 'x' },
  'record with namespace inheritance': {
    type: 'record',
    name: 'Order',
    namespace: 'com.example.shop',
    doc: 'An order',
    fields: [
      { name: 'id', type: 'string', doc: 'id', default: 'x', order: 'descending' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, default: 0 },
      {
        name: 'status',
        type: ['null', { type: 'enum', name: 'Status', symbols: ['NEW', 'DONE'], default: 'NEW' }],
        default: null,
      },
      { name: 'tags', type: { type: 'array', items: 'Status' } },
      {
        name: 'hash',
        type: { type: 'map', values: { type: 'fixed', name: 'other.Hash', size: 4 } },
      },
      { name: 'hash2', type: 'other.Hash' },
      { name: 'next', type: ['null', 'Order'], default: null },
      { name: 'inner', type: { type: 'record', name: 'Inner', namespace: '', fields: [] } },
      { name: 'status2', type: 'com.example.shop.Status' },
      {
        name: 'err',
        type: { type: 'error', name: 'Failure', fields: [{ name: 'm', type: 'string' }] },
      },
    ],
  },
  'decimal and duration': {
    type: 'record',
    name: 'D',
    fields: [
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
      { name: 'd', type: { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' } },
    ],
  },
  'union at the root': ['null', 'string', { type: 'array', items: 'long' }],
};

describe('canonical form', () => {
  for (const [name, schema] of Object.entries(cases)) {
    test(`agrees with avsc: ${name}`, () => {
      const set = parseSchema(JSON.stringify(schema), 'case.avsc');
      expect(set.canonical).toBe(avscCanonical(schema));
    });
  }

  // Where avsc departs from Apache Avro's Java parser (the one registries use), follow Java.
  test('nested types inherit the namespace of a dotted enclosing name, not its namespace attribute', () => {
    const schema = {
      type: 'record',
      name: 'a.b.R',
      namespace: 'ignored.ns',
      fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }],
    };
    expect(parseSchema(JSON.stringify(schema), 'case.avsc').canonical).toBe(
      '{"name":"a.b.R","type":"record","fields":[{"name":"e","type":{"name":"a.b.E","type":"enum","symbols":["A"]}}]}',
    );
  });

  test('a simple name falls back to the null namespace', () => {
    const schema = {
      type: 'record',
      name: 'R',
      namespace: 'a.b',
      fields: [
        { name: 'x', type: { type: 'fixed', name: 'F', namespace: '', size: 1 } },
        { name: 'y', type: 'F' },
      ],
    };
    expect(parseSchema(JSON.stringify(schema), 'case.avsc').canonical).toBe(
      '{"name":"a.b.R","type":"record","fields":[{"name":"x","type":{"name":"F","type":"fixed","size":1}},{"name":"y","type":"F"}]}',
    );
  });

  test('inlines shared types at first use and lists them in named', () => {
    const money = parseSchema(
      JSON.stringify({
        type: 'record',
        name: 'Money',
        namespace: 'com.example.shop',
        fields: [{ name: 'units', type: 'long' }],
      }),
      'Money.avsc',
    );
    const order = parseSchema(
      JSON.stringify({
        type: 'record',
        name: 'Order',
        namespace: 'com.example.shop',
        fields: [
          { name: 'total', type: 'Money' },
          { name: 'tax', type: 'com.example.shop.Money' },
        ],
      }),
      'Order.avsc',
      { known: money.named },
    );
    expect(order.canonical).toBe(
      '{"name":"com.example.shop.Order","type":"record","fields":[' +
        '{"name":"total","type":{"name":"com.example.shop.Money","type":"record","fields":[{"name":"units","type":"long"}]}},' +
        '{"name":"tax","type":"com.example.shop.Money"}]}',
    );
    expect([...order.named.keys()]).toEqual(['com.example.shop.Order', 'com.example.shop.Money']);
    expect(order.root).toEqual({ kind: 'ref', name: 'com.example.shop.Order' });
  });
});
