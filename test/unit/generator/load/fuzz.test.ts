import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avsc from 'avsc';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../generator/errors.js';
import { parseJson, parseSchema } from '../../../../generator/load/index.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const SEEDS = ['InventoryRejected/v1', 'InventoryReserved/v1', 'OrderCreated/v2'].map(
  (f) => JSON.parse(readFileSync(`${ROOT}schemas/shop/${f}.avsc`, 'utf8')) as unknown,
);

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLACEMENTS: unknown[] = [
  null,
  0,
  -1,
  1.5,
  'int',
  'long',
  'string',
  'null',
  'Nope',
  '',
  'a.b',
  [],
  ['null', 'int'],
  {},
  { type: 'array', items: 'int' },
  { type: 'fixed', name: 'F', size: 2 },
  { type: 'enum', name: 'E', symbols: ['A'] },
  true,
];

/** Replaces one randomly chosen value inside `value` (JSON tree) with something else. */
function mutate(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value);
  const spots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x, i) => (spots.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        spots.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
    }
  };
  walk(copy);
  const spot = spots[Math.floor(random() * spots.length)];
  const pick = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
  if (spot) (spot.parent as Record<string | number, unknown>)[spot.key] = structuredClone(pick);
  return copy;
}

describe('mutated schemas', () => {
  test('either parse or give an InputError; canonical form agrees with avsc when both accept', () => {
    const random = rng(20261126);
    let accepted = 0;
    for (let i = 0; i < 1500; i++) {
      const seed = SEEDS[i % SEEDS.length];
      let schema = mutate(seed, random);
      if (random() < 0.5) schema = mutate(schema, random);
      const text = JSON.stringify(schema);
      let canonical: string | undefined;
      try {
        canonical = parseSchema(text, 'm.avsc').canonical;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        expect(err.problems.length).toBeGreaterThan(0);
        continue;
      }
      let theirs: string | undefined;
      try {
        const type = avsc.Type.forSchema(schema as avsc.Schema, { registry: {} });
        theirs = JSON.stringify(type.schema({ exportAttrs: false }));
      } catch {
        continue;
      }
      accepted += 1;
      expect(canonical, text).toBe(theirs);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('mutated JSON text', () => {
  test('parseJson agrees with JSON.parse, except that it rejects duplicate keys', () => {
    const random = rng(7);
    const base = JSON.stringify(SEEDS[2], null, 1);
    const alphabet = '{}[],:"\\ 0123456789.eE+-truefalsn\u00e9\u0000\n';
    for (let i = 0; i < 3000; i++) {
      let text = base;
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
        const at = Math.floor(random() * text.length);
        const ch = alphabet[Math.floor(random() * alphabet.length)] ?? '';
        const op = random();
        text =
          op < 0.4
            ? text.slice(0, at) + text.slice(at + 1)
            : op < 0.7
              ? text.slice(0, at) + ch + text.slice(at)
              : text.slice(0, at) + ch + text.slice(at + 1);
      }
      let expected: unknown;
      let valid = true;
      try {
        expected = JSON.parse(text);
      } catch {
        valid = false;
      }
      try {
        const value = parseJson(text, 'm.json');
        expect(valid, text).toBe(true);
        expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        if (valid) expect(err.message, text).toMatch(/duplicate key/);
      }
    }
  });
});
