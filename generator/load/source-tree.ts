/**
 * The file-system side of loading: reads `eventc.yaml` and every `.avsc` file under the
 * schema root into a `SourceTree`. Everything else in the loader is pure.
 */
import { existsSync } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Contract } from '../model/contract.js';
import { buildContract } from './contract.js';
import type { SourceTree } from './contract.js';
import { decodeUtf8 } from './utf8.js';
import { withLocatedProblems } from './locate.js';
import { readManifest } from './manifest.js';

/** Name of the manifest at the project root. */
export const MANIFEST_FILE = 'eventc.yaml';

/** Guards against walking an unreasonable tree (e.g. a schema root pointing at `/`). */
const MAX_ENTRIES = 100_000;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reads every `.avsc` file under `rel` (relative to `root`); absent folders are skipped. */
export async function readSourceTree(root: string, rel: string): Promise<SourceTree> {
  const files = new Map<string, Uint8Array>();
  const folders = new Set<string>();
  try {
    if (!(await lstat(join(root, rel))).isDirectory()) return { files, folders };
  } catch {
    return { files, folders };
  }
  const queue = [rel];
  let seen = 0;
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    folders.add(dir);
    const entries = await readdir(join(root, dir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      seen += 1;
      if (seen > MAX_ENTRIES) {
        throw new InputError([{ file: rel, message: `has more than ${MAX_ENTRIES} entries` }]);
      }
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) queue.push(path);
      else if (
        entry.name.endsWith('.avsc') &&
        (entry.isFile() || (await isFile(join(root, path))))
      ) {
        files.set(path, await readFile(join(root, path)));
      }
    }
  }
  return { files, folders };
}

/**
 * The project root for `start`: the nearest folder at or above it that holds `eventc.yaml`,
 * as git finds its repository; `start` itself when none does (loading then says how to
 * begin).
 */
export function findProjectRoot(start: string): string {
  const first = resolve(start);
  for (let dir = first; ; dir = dirname(dir)) {
    if (existsSync(join(dir, MANIFEST_FILE))) return dir;
    if (dirname(dir) === dir) return first;
  }
}

/**
 * Reads `eventc.yaml` under `root` and every schema it names; throws InputError for bad
 * input, every problem at once and each with its line and column.
 */
export async function loadContract(projectRoot: string): Promise<Contract> {
  const root = resolve(projectRoot);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(root, MANIFEST_FILE));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const message = missing
      ? `not found in ${root} or any folder above it; run \`eventc init\` to start a project there, or give --cwd <project root>`
      : `cannot be read in ${root}: ${(err as Error).message}`;
    throw new InputError([{ file: MANIFEST_FILE, message }], { cause: err });
  }
  const text = decodeUtf8(bytes, MANIFEST_FILE);
  const manifest = withLocatedProblems(
    () => readManifest(text, MANIFEST_FILE),
    () => undefined,
  );
  const tree = await readSourceTree(root, manifest.schemas);
  const textOf = (file: string): string | undefined => {
    if (file === MANIFEST_FILE) return text;
    const contents = tree.files.get(file);
    return contents === undefined ? undefined : Buffer.from(contents).toString('utf8');
  };
  return withLocatedProblems(() => buildContract(root, manifest, tree), textOf);
}
