/**
 * Invalid logical types, which the loader ignores with a warning: the compatibility checker
 * then agrees with Apache Avro Java 1.12, which ignores them too, on pairs that differ only
 * there or that change the underlying type beneath one.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../../differential/compare.js';
import type { SchemaPair } from '../../../differential/evolve.js';
import { runJava } from '../../../differential/java-harness.js';

const record = (type: unknown) => ({
  type: 'record',
  name: 'R',
  namespace: 'x',
  fields: [{ name: 'v', type }],
});

const pairs: [string, unknown, unknown][] = [
  [
    'bytes read as a decimal whose scale exceeds its precision',
    'bytes',
    { type: 'bytes', logicalType: 'decimal', precision: 2, scale: 4 },
  ],
  ['a decimal without precision read as bytes', { type: 'bytes', logicalType: 'decimal' }, 'bytes'],
  [
    'a decimal too wide for its fixed',
    { type: 'fixed', name: 'F', size: 2, logicalType: 'decimal', precision: 9 },
    { type: 'fixed', name: 'F', size: 2 },
  ],
  ['uuid on an int, read as int', { type: 'int', logicalType: 'uuid' }, 'int'],
  [
    'an unknown logical type on long, read as long',
    { type: 'long', logicalType: 'epoch-nanos' },
    'long',
  ],
  [
    'int under a misplaced date, read as a string under one',
    { type: 'int', logicalType: 'time-micros' },
    { type: 'string', logicalType: 'date' },
  ],
  [
    'a misplaced timestamp on string, read as long',
    { type: 'string', logicalType: 'timestamp-millis' },
    'long',
  ],
];

describe('invalid logical types in compatibility checks', () => {
  it('get the verdicts and findings Apache Avro Java gives', { timeout: 300_000 }, () => {
    const schemaPairs: SchemaPair[] = pairs.map(([id, writer, reader]) => ({
      id,
      changes: ['logical type'],
      reader: record(reader),
      writer: record(writer),
    }));
    const java = runJava(schemaPairs);
    expect(java.every((r) => r.error === undefined)).toBe(true);
    const c = compare(schemaPairs, java);
    expect(c.disagreements).toEqual([]);
    expect(c.verdictAgreements).toBe(pairs.length);
    // Both verdicts occur: five compatible pairs, two type changes under the ignored types.
    expect(c.incompatiblePairs).toBe(2);
  });
});
