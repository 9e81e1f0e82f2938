/**
 * Code generation benchmark: 1,000 schemas (generated in memory, seeded: records with a
 * nested record, enum, optional and multi-branch unions, arrays, maps and logical types),
 * through `generate` (emit, templates and prettier), through emit and templates only, and
 * through `@ovotech/avro-ts` on the same JSON (which prints types only, unformatted).
 */
import { toTypeScript } from '@ovotech/avro-ts';
import { emitPlain } from '../../generator/emit/modules/plain.js';
import { generate } from '../../generator/generate.js';
import { parseSchema } from '../../generator/load/index.js';
import type { SchemaSet } from '../../generator/model/avro.js';
import { renderText } from '../../generator/render/render.js';
import { schemaJson } from './codegen-corpus.js';
import type { BenchRow, BenchSuite } from './table.js';

const SCHEMAS = 1_000;

function rate(n: number, ms: number): number {
  return Math.round((n * 1000) / ms);
}

export const suite: BenchSuite = {
  area: 'codegen',
  async run(): Promise<BenchRow[]> {
    const json = Array.from({ length: SCHEMAS }, (_, i) => schemaJson(i));
    let start = performance.now();
    const sets: SchemaSet[] = json.map((j, i) =>
      parseSchema(JSON.stringify(j), `schemas/bench/Event${i}.avsc`),
    );
    const parseMs = performance.now() - start;

    await generate({ schemas: sets.slice(0, 20) }); // warm-up
    start = performance.now();
    const files = await generate({ schemas: sets });
    const generateMs = performance.now() - start;

    start = performance.now();
    for (const s of sets) renderText(emitPlain(s, 'x.ts'));
    const emitMs = performance.now() - start;

    for (const j of json.slice(0, 20)) toTypeScript(j as never);
    start = performance.now();
    for (const j of json) toTypeScript(j as never);
    const avroTsMs = performance.now() - start;

    const eventc = rate(SCHEMAS, generateMs);
    const unformatted = rate(SCHEMAS, emitMs);
    const avroTs = rate(SCHEMAS, avroTsMs);
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
        note: `${(generateMs / 1000).toFixed(1)} s for ${files.length} files; ${Math.round((100 * eventc) / avroTs)}% of @ovotech/avro-ts`,
      },
      {
        area: 'codegen',
        case: `emit + templates only (no prettier)`,
        value: unformatted,
        unit: 'schemas/s',
        note: `${Math.round((100 * unformatted) / avroTs)}% of @ovotech/avro-ts; layout checks, prettier where a line is too long, sorting: ${Math.round(100 - (100 * emitMs) / generateMs)}% of generate`,
      },
      {
        area: 'codegen',
        case: '@ovotech/avro-ts toTypeScript, same corpus',
        value: avroTs,
        unit: 'schemas/s',
        note: 'types only, unformatted',
      },
    ];
  },
};
