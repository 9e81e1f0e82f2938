/**
 * The compatibility rules, one fixture folder per case, as buf lays out its breaking-change
 * rules: `rules/<RULE>/<case>/` holds `previous.avsc`, `current.avsc` and `expected.json`,
 * the exact findings (rule id, Avro's location, the named path, the sentence and the fix),
 * `[]` for a change the rule allows. By default the current version reads data of the
 * previous one (BACKWARD); `"direction": "forward"` checks the previous reading the current.
 * `"versions"` numbers the two (default 1 and 2).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPair, type VersionedSchema } from '../../../../generator/compat/levels.js';
import { compatRules } from '../../../../generator/compat/rules/index.js';
import { parseSchema } from '../../../../generator/load/index.js';
import type { Finding } from '../../../../generator/report/finding.js';

const RULES_DIR = join(import.meta.dirname, 'rules');

interface Expected {
  direction?: 'backward' | 'forward';
  versions?: [number, number];
  findings: Finding[];
}

interface Case {
  rule: string;
  name: string;
  dir: string;
}

const cases: Case[] = readdirSync(RULES_DIR).flatMap((rule) =>
  readdirSync(join(RULES_DIR, rule)).map((name) => ({
    rule,
    name,
    dir: join(RULES_DIR, rule, name),
  })),
);

function version(n: number, dir: string, which: 'previous' | 'current'): VersionedSchema {
  const file = `schemas/shop/Order/v${n}.avsc`;
  const text = readFileSync(join(dir, `${which}.avsc`), 'utf8');
  return { version: n, file, schema: parseSchema(text, file) };
}

describe('compatibility rules', () => {
  it('every rule has an id, a one-sentence purpose and a fixture that finds it', () => {
    expect(compatRules.map((r) => r.id)).toEqual([
      'TYPE_MISMATCH',
      'NAME_MISMATCH',
      'FIXED_SIZE_MISMATCH',
      'MISSING_ENUM_SYMBOLS',
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      'MISSING_UNION_BRANCH',
      'READER_FIELD_ALIAS_AMBIGUOUS',
    ]);
    for (const rule of compatRules) expect(rule.purpose).toMatch(/^[A-Z].*\.$/);
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual(
      compatRules.map((r) => r.id).sort(),
    );
    for (const rule of compatRules) {
      const found = cases.some((c) => {
        const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as Expected;
        return c.rule === rule.id && expected.findings.some((f) => f.rule === rule.id);
      });
      expect(found, `${rule.id} has a fixture with a finding of it`).toBe(true);
    }
  });

  it.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))('%s', (_label, c) => {
    const expected = JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as Expected;
    const [p, q] = expected.versions ?? [1, 2];
    const previous = version(p, c.dir, 'previous');
    const current = version(q, c.dir, 'current');
    const findings =
      expected.direction === 'forward'
        ? checkPair(previous, current, current, 'Order')
        : checkPair(current, previous, current, 'Order');
    expect(findings).toEqual(expected.findings);
  });
});
