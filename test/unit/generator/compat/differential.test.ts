/**
 * Differential test: eventc's compatibility checker against Apache Avro Java 1.12's
 * `SchemaCompatibility`, the checker the Confluent registry runs, over seeded random schema
 * evolutions. Needs `java` and `mvn` (the harness is built on first use); without them the
 * test fails rather than skips.
 */
import { describe, expect, it } from 'vitest';
import { compare, type Comparison } from '../../../differential/compare.js';
import { schemaPairs } from '../../../differential/evolve.js';
import { runJava } from '../../../differential/java-harness.js';
import { MUTATIONS } from '../../../differential/mutations.js';

const SEED = 20_261_126;
const EVOLUTIONS = 1_500;

describe('compatibility checker vs Apache Avro Java', () => {
  let result: Comparison | undefined;
  const run = (): Comparison => {
    if (!result) {
      const pairs = schemaPairs(SEED, EVOLUTIONS);
      result = compare(pairs, runJava(pairs));
    }
    return result;
  };

  it('agrees on every verdict', { timeout: 300_000 }, () => {
    const c = run();
    const verdicts = c.disagreements.filter((d) => d.kind !== 'findings');
    expect(verdicts.slice(0, 3)).toEqual([]);
    expect(c.verdictAgreements).toBe(c.pairs);
    expect(c.pairs).toBeGreaterThanOrEqual(2 * 1_000);
  });

  it('reports the same rules, locations and Avro messages, in order', { timeout: 300_000 }, () => {
    const c = run();
    expect(c.disagreements.slice(0, 3)).toEqual([]);
    expect(c.findingAgreements).toBe(c.pairs);
  });

  it('generates the same evolutions from the same seed', () => {
    expect(JSON.stringify(schemaPairs(SEED, 50))).toBe(JSON.stringify(schemaPairs(SEED, 50)));
    expect(JSON.stringify(schemaPairs(SEED + 1, 50))).not.toBe(
      JSON.stringify(schemaPairs(SEED, 50)),
    );
  });

  it('covers every kind of change and every rule', { timeout: 300_000 }, () => {
    const c = run();
    for (const change of Object.keys(MUTATIONS)) {
      expect(c.changeCounts[change] ?? 0, change).toBeGreaterThanOrEqual(10);
    }
    for (const rule of [
      'TYPE_MISMATCH',
      'NAME_MISMATCH',
      'FIXED_SIZE_MISMATCH',
      'MISSING_ENUM_SYMBOLS',
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      'MISSING_UNION_BRANCH',
    ]) {
      expect(c.ruleCounts[rule] ?? 0, rule).toBeGreaterThanOrEqual(5);
    }
    expect(c.avroErrors).toBeGreaterThan(0);
    // Both verdicts are well represented.
    expect(c.incompatiblePairs).toBeGreaterThan(c.pairs / 5);
    expect(c.pairs - c.incompatiblePairs).toBeGreaterThan(c.pairs / 5);
  });
});
