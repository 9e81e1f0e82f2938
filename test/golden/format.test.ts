/**
 * Generated code is prettier-formatted: the templates print what fits in the print width as
 * prettier would and hand the rest to prettier, so every generated file must come out of
 * prettier unchanged (golden cases, the example and a slice of the benchmark corpus).
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.js';
import { loadContract, parseSchema } from '../../generator/load/index.js';
import { format } from '../../generator/render/format.js';
import { schemaJson } from '../bench/codegen-corpus.js';
import { GOLDEN_DIR, generateCase, goldenCases } from './harness.js';

async function expectStable(files: { path: string; content: string }[]): Promise<void> {
  for (const f of files) expect(await format(f.content), f.path).toBe(f.content);
}

describe('formatting', () => {
  it.each(goldenCases())('golden case %s is prettier-stable', async (name) => {
    await expectStable(await generateCase(name));
  });

  it('the example project is prettier-stable', async () => {
    await expectStable(await generate(await loadContract(`${GOLDEN_DIR}/../..`)));
  });

  it('the benchmark corpus is prettier-stable', async () => {
    const sets = Array.from({ length: 60 }, (_, i) =>
      parseSchema(JSON.stringify(schemaJson(i * 17)), `bench/E${i}.avsc`),
    );
    await expectStable(await generate({ schemas: sets }));
  }, 60_000);
});
