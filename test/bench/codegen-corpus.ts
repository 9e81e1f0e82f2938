/**
 * The code generation benchmark's corpus, also used by the formatting test: schema number
 * `i` is a record with a nested record, an enum, optional and multi-branch unions, an array
 * of records, a map, logical types and 0-4 defaulted fields, in namespace `com.bench.g<i>`.
 */
export function schemaJson(i: number): Record<string, unknown> {
  const ns = `com.bench.g${i}`;
  return {
    type: 'record',
    name: `Event${i}`,
    namespace: ns,
    doc: `Benchmark event ${i}.`,
    fields: [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'count', type: 'long', doc: 'How many.' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
      {
        name: 'status',
        type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED', `S${i % 7}`] },
      },
      {
        name: 'address',
        type: {
          type: 'record',
          name: 'Address',
          fields: [
            { name: 'street', type: 'string' },
            { name: 'city', type: 'string' },
            { name: 'zip', type: ['null', 'string'], default: null },
          ],
        },
      },
      {
        name: 'lines',
        type: {
          type: 'array',
          items: {
            type: 'record',
            name: 'Line',
            fields: [
              { name: 'sku', type: 'string' },
              { name: 'qty', type: 'int', default: 1 },
            ],
          },
        },
      },
      { name: 'tags', type: { type: 'map', values: 'string' } },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'payload', type: ['null', 'string', 'long', 'Address'] },
      ...Array.from({ length: i % 5 }, (_, k) => ({
        name: `extra${k}`,
        type: 'double',
        default: 0,
      })),
    ],
  };
}
