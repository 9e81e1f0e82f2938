/**
 * The file-system side of loading: reads `eventc.yaml` and every `.avsc` file under the
 * schema root into a `SourceTree`. Everything else in the loader is pure.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Contract } from '../model/contract.js';
import { buildContract } from './contract.js';
import type { SourceTree } from './contract.js';
import { decodeUtf8 } from './utf8.js';
import { parseManifest } from './manifest.js';

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

/** Reads `eventc.yaml` under `root` and every schema it names; throws InputError for bad input. */
export async function loadContract(projectRoot: string): Promise<Contract> {
  const root = resolve(projectRoot);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(root, MANIFEST_FILE));
  } catch (err) {
    throw new InputError(
      [{ file: MANIFEST_FILE, message: `cannot be read in ${root}: ${(err as Error).message}` }],
      { cause: err },
    );
  }
  const manifest = parseManifest(decodeUtf8(bytes, MANIFEST_FILE), MANIFEST_FILE);
  const tree = await readSourceTree(root, manifest.schemas);
  return buildContract(root, manifest, tree);
}
