/**
 * Defaults that need a value of a record still being defined: eventc refuses exactly the
 * schemas Apache Avro Java 1.12 refuses ("Schema fields not set yet"), checked against the
 * Java harness of the differential test.
 */
import { describe, expect, it } from 'vitest';
import { acceptance } from '../../../differential/acceptance.js';

const n = { name: 'n', type: 'int' };
const record = (fields: unknown[]) => ({ type: 'record', name: 'R', namespace: 'x', fields });

const cases: Record<string, unknown> = {
  itself: record([n, { name: 'next', type: 'R', default: { n: 1 } }]),
  'itself, first in a union': record([
    n,
    { name: 'next', type: ['R', 'null'], default: { n: 1, next: null } },
  ]),
  'itself, in an array default': record([
    n,
    { name: 'kids', type: { type: 'array', items: 'R' }, default: [{ n: 1, kids: [] }] },
  ]),
  'an enclosing record': record([
    n,
    {
      name: 'inner',
      type: {
        type: 'record',
        name: 'Inner',
        fields: [{ name: 'outer', type: ['R', 'null'], default: { n: 1, inner: null } }],
      },
    },
  ]),
  'nullable, null default': record([n, { name: 'next', type: ['null', 'R'], default: null }]),
  'empty array default': record([
    n,
    { name: 'kids', type: { type: 'array', items: 'R' }, default: [] },
  ]),
  'no default': record([n, { name: 'next', type: ['null', 'R'] }]),
  'a string, after itself in a union': record([
    n,
    { name: 'next', type: ['R', 'string'], default: 'x' },
  ]),
  'a record defined before': record([
    { name: 'a', type: { type: 'record', name: 'Leaf', fields: [n] } },
    { name: 'b', type: 'Leaf', default: { n: 2 } },
  ]),
};

describe('defaults of a record still being defined', () => {
  it('are refused exactly where Apache Avro Java refuses them', { timeout: 300_000 }, () => {
    const verdicts = acceptance(cases);
    for (const v of verdicts) expect(v.eventc, v.id).toBe(v.java);
    // Both kinds are there.
    expect(verdicts.filter((v) => v.java).length).toBe(5);
    expect(verdicts.filter((v) => v.javaError?.includes('Schema fields not set yet')).length).toBe(
      4,
    );
  });
});
