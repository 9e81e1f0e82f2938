/**
 * Code generation benchmark: 1,000 schemas (generated in memory, seeded: records with a
 * nested record, enum, optional and multi-branch unions, arrays, maps and logical types),
 * through `generate` (emit, templates and prettier), through emit and templates only, and
 * through `@ovotech/avro-ts` on the same JSON (which prints types only, unformatted). Each
 * runs once over the corpus to warm up, then the three alternate for several rounds; the
 * figures are medians, the ratios those of rounds run next to each other.
 */
import { toTypeScript } from '@ovotech/avro-ts';
import { emitPlain } from '../../generator/emit/modules/plain.js';
import { generate } from '../../generator/generate.js';
import { parseSchema } from '../../generator/load/index.js';
import type { SchemaSet } from '../../generator/model/avro.js';
import { renderText } from '../../generator/render/render.js';
import { schemaJson } from './codegen-corpus.js';
import { quantile, type BenchRow, type BenchSuite } from './table.js';

const SCHEMAS = 1_000;

function rate(n: number, ms: number): number {
  return Math.round((n * 1000) / ms);
}

/** Rounds of each case after one warm-up round, in alternation (the order rotating). */
const ROUNDS = 9;

export const suite: BenchSuite = {
  area: 'codegen',
  async run(): Promise<BenchRow[]> {
    const json = Array.from({ length: SCHEMAS }, (_, i) => schemaJson(i));
    let start = performance.now();
    const sets: SchemaSet[] = json.map((j, i) =>
      parseSchema(JSON.stringify(j), `schemas/bench/Event${i}.avsc`),
    );
    const parseMs = performance.now() - start;

    let files = 0;
    const cases: (() => Promise<void> | void)[] = [
      async () => void (files = (await generate({ schemas: sets })).length),
      () => void sets.forEach((s) => renderText(emitPlain(s, 'x.ts'))),
      () => void json.forEach((j) => toTypeScript(j as never)),
    ];
    for (const c of cases) await c(); // warm-up: every case once over the whole corpus
    const ms: number[][] = cases.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < cases.length; k++) {
        const i = (r + k) % cases.length;
        start = performance.now();
        await cases[i]!();
        ms[i]!.push(performance.now() - start);
      }
    }
    const [generateMs, emitMs, avroTsMs] = ms.map((m) => quantile(m, 0.5)) as [
      number,
      number,
      number,
    ];
    // Per round, the ratio of eventc's rate to avro-ts' rate measured next to it.
    const ratio = (i: number): number =>
      quantile(
        ms[2]!.map((a, r) => a / ms[i]![r]!),
        0.5,
      );
    const eventc = rate(SCHEMAS, generateMs);
    return [
      {
        area: 'codegen',
        case: `parse + validate ${SCHEMAS} schemas`,
        value: rate(SCHEMAS, parseMs),
        unit: 'schemas/s',
      },
      {
        area: 'codegen',
        case: `generate ${SCHEMAS} schemas (types + codecs, formatted)`,
        value: eventc,
        unit: 'schemas/s',
        note: `${(generateMs / 1000).toFixed(2)} s for ${files} files; ${ratio(0).toFixed(2)}× @ovotech/avro-ts (target ≥ 3×), median of ${ROUNDS} paired rounds`,
      },
      {
        area: 'codegen',
        case: `emit + templates only (no layout checks)`,
        value: rate(SCHEMAS, emitMs),
        unit: 'schemas/s',
        note: `${ratio(1).toFixed(2)}× @ovotech/avro-ts; layout checks, prettier where a line is too long, sorting: ${Math.round(100 - (100 * emitMs) / generateMs)}% of generate`,
      },
      {
        area: 'codegen',
        case: '@ovotech/avro-ts toTypeScript, same corpus',
        value: rate(SCHEMAS, avroTsMs),
        unit: 'schemas/s',
        note: 'types only, unformatted',
      },
    ];
  },
};
