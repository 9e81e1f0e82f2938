/**
 * The inputs of `eventc generate`: the contract from `eventc.yaml`, or plain `.avsc` files
 * and folders. Plain files may reference each other's named types in any order: they are
 * parsed in dependency order, as the manifest's shared types are.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { InputError, type Problem } from '../../errors.js';
import { locateProblems, parseInDependencyOrder, type SourceFile } from '../../load/index.js';
import type { SchemaSet } from '../../model/avro.js';

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
  const sources: SourceFile[] = [];
  for (const abs of [...files].sort()) {
    sources.push({ file: relative(root, abs).split(sep).join('/'), contents: await readFile(abs) });
  }
  const problems: Problem[] = [];
  const sets = parseInDependencyOrder(sources, problems);
  if (problems.length > 0) {
    const texts = new Map(sources.map((s) => [s.file, Buffer.from(s.contents).toString('utf8')]));
    throw new InputError(locateProblems(problems, (f) => texts.get(f)));
  }
  return sources.map((s) => sets.get(s.file)!);
}
