/**
 * Golden cases: each folder under `test/golden/` holds inputs (an `eventc.yaml` with its
 * schemas, or plain `.avsc` files under `schemas/`) and `expected/`, the exact output of
 * `eventc generate` for them. Shared by the golden, type-check and round-trip tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSchemaFiles } from '../../generator/cli/commands/generate-inputs.js';
import { generate, type GeneratedFile } from '../../generator/generate.js';
import { loadContract } from '../../generator/load/index.js';
import type { SchemaSet } from '../../generator/model/avro.js';

export const GOLDEN_DIR = fileURLToPath(new URL('.', import.meta.url));

export function goldenCases(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((name) => statSync(join(GOLDEN_DIR, name)).isDirectory())
    .filter((name) => statSync(join(GOLDEN_DIR, name, 'schemas'), { throwIfNoEntry: false }))
    .sort();
}

function hasManifest(dir: string): boolean {
  return statSync(join(dir, 'eventc.yaml'), { throwIfNoEntry: false }) !== undefined;
}

/** Every schema set of a case (every version of every event, or every plain file). */
export async function caseSchemas(name: string): Promise<SchemaSet[]> {
  const dir = join(GOLDEN_DIR, name);
  if (hasManifest(dir)) {
    const contract = await loadContract(dir);
    return contract.events.flatMap((e) => e.versions.map((v) => v.schema));
  }
  return loadSchemaFiles(dir, ['schemas']);
}

/** What `eventc generate` produces for a case. */
export async function generateCase(name: string): Promise<GeneratedFile[]> {
  const dir = join(GOLDEN_DIR, name);
  if (hasManifest(dir)) return generate(await loadContract(dir));
  return generate({ schemas: await loadSchemaFiles(dir, ['schemas']) });
}

/** The files under `expected/` of a case, as generated files. */
export function expectedFiles(name: string): GeneratedFile[] {
  const root = join(GOLDEN_DIR, name, 'expected');
  const out: GeneratedFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        out.push({
          path: relative(root, path).split(sep).join('/'),
          content: readFileSync(path, 'utf8'),
        });
    }
  };
  if (statSync(root, { throwIfNoEntry: false })) walk(root);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
