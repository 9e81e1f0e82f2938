/**
 * The inputs of `eventc generate`: the contract from `eventc.yaml`, or plain `.avsc` files
 * and folders. Plain files may reference each other's named types in any order: files are
 * parsed in rounds, each round with the types the files before it defined.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { InputError, type Problem } from '../../errors.js';
import { parseSchema } from '../../load/index.js';
import type { NamedType, SchemaSet } from '../../model/avro.js';

async function expand(root: string, input: string): Promise<string[]> {
  const abs = resolve(root, input);
  let info;
  try {
    info = await stat(abs);
  } catch (err) {
    throw new InputError([{ file: input, message: 'does not exist' }], { cause: err });
  }
  if (!info.isDirectory()) return [abs];
  const out: string[] = [];
  const entries = await readdir(abs, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(abs, e.name);
    if (e.isDirectory()) out.push(...(await expand(root, path)));
    else if (e.name.endsWith('.avsc')) out.push(path);
  }
  return out;
}

/** Parses `texts` (file → schema text) in dependency order. */
export function parseSchemaFiles(texts: ReadonlyMap<string, string>): SchemaSet[] {
  const known = new Map<string, NamedType>();
  const parsed = new Map<string, SchemaSet>();
  let pending = [...texts.keys()].sort();
  let problems: Problem[] = [];
  while (pending.length > 0) {
    const failed: string[] = [];
    problems = [];
    for (const file of pending) {
      try {
        const set = parseSchema(texts.get(file)!, file, { known });
        parsed.set(file, set);
        for (const [name, type] of set.named) {
          if (type.source.file === file) known.set(name, type);
        }
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        failed.push(file);
        problems.push(...err.problems);
      }
    }
    if (failed.length === pending.length) throw new InputError(problems);
    pending = failed;
  }
  return [...texts.keys()].sort().map((f) => parsed.get(f)!);
}

/** Reads the `.avsc` files named by `inputs` (files or folders, relative to `root`). */
export async function loadSchemaFiles(
  root: string,
  inputs: readonly string[],
): Promise<SchemaSet[]> {
  const files = new Set<string>();
  for (const input of inputs) for (const f of await expand(root, input)) files.add(f);
  if (files.size === 0) {
    throw new InputError([{ file: inputs.join(', '), message: 'contains no .avsc files' }]);
  }
  const texts = new Map<string, string>();
  for (const abs of files) {
    const rel = relative(root, abs).split(sep).join('/');
    texts.set(rel, await readFile(abs, 'utf8'));
  }
  return parseSchemaFiles(texts);
}
