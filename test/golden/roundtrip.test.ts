/**
 * Property test: for every schema of every golden case, seeded random values of the write
 * type encode with `avroType` and decode to exactly the expected read value.
 */
import { describe, expect, it } from 'vitest';
import { registrationText } from '../../generator/model/schema-text.js';
import { avroType } from '../../runtime/codec/avro-type.js';
import { caseSchemas, goldenCases } from './harness.js';
import { seeded, ValueGenerator } from './random.js';

const RUNS = 200;

describe.each(goldenCases())('round trip, golden case %s', (name) => {
  it(`encodes and decodes ${RUNS} random values per schema`, async () => {
    const sets = await caseSchemas(name);
    expect(sets.length).toBeGreaterThan(0);
    for (const [i, set] of sets.entries()) {
      const type = avroType(registrationText(set));
      const gen = new ValueGenerator(set, seeded(1000 + i));
      for (let run = 0; run < RUNS; run++) {
        const { write, read } = gen.value(set.root);
        const valid = type.isValid(write, {
          errorHook: (path) => {
            throw new Error(`${set.file} run ${run}: invalid at ${path.join('.')}`);
          },
        });
        expect(valid).toBe(true);
        const decoded = type.fromBuffer(type.toBuffer(write));
        expect(decoded, `${set.file} run ${run}`).toEqual(read);
      }
    }
  });
});
