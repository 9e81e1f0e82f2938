/**
 * Union defaults: eventc accepts a default of any branch exactly where Apache Avro Java 1.12
 * does (AVRO-3649), checked against the Java harness of the differential test.
 */
import { describe, expect, it } from 'vitest';
import { acceptance } from '../../../differential/acceptance.js';

const field = (type: unknown, dflt: unknown) => ({
  type: 'record',
  name: 'R',
  namespace: 'x',
  fields: [{ name: 'f', type, default: dflt }],
});

const cases: Record<string, unknown> = {
  'null, second branch': field(['string', 'null'], null),
  'int, second branch': field(['null', 'int'], 3),
  'string, third branch': field(['null', 'int', 'string'], 'x'),
  'first branch': field(['null', 'string'], null),
  'a record, second branch': field(
    ['null', { type: 'record', name: 'P', fields: [{ name: 'a', type: 'int' }] }],
    { a: 1 },
  ),
  'no branch takes it': field(['null', 'int'], 'x'),
  'a record of no branch': field(
    ['null', { type: 'record', name: 'P', fields: [{ name: 'a', type: 'int' }] }],
    { a: 'one' },
  ),
};

describe('union defaults', () => {
  it('are accepted exactly where Apache Avro Java 1.12 accepts them', { timeout: 300_000 }, () => {
    const verdicts = acceptance(cases);
    for (const v of verdicts) expect(v.eventc, v.id).toBe(v.java);
    expect(verdicts.filter((v) => v.java).length).toBe(5);
  });
});
