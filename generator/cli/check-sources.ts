/**
 * The I/O side of `eventc check`: schema files named on the command line, and the contract
 * as it was at a git ref (read with git, built with the loader).
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import type { VersionedSchema } from '../compat/levels.js';
import { EventcError, InputError, type Problem } from '../errors.js';
import {
  buildContract,
  decodeUtf8,
  loadSharedTypes,
  MANIFEST_FILE,
  readManifest,
  parseSchema,
  withLocatedProblems,
  SHARED_FOLDER,
} from '../load/index.js';
import type { NamedType } from '../model/avro.js';
import type { Contract } from '../model/contract.js';
import { openRef, type GitTreeAt } from './git.js';

/**
 * Shared types for an ad hoc schema file: the `.avsc` files in the `common` folder of its
 * domain (`schemas/<domain>/common/` for `schemas/<domain>/<Event>/v<N>.avsc`), if any.
 */
async function sharedTypesFor(cwd: string, file: string): Promise<Map<string, NamedType>> {
  const common = resolve(cwd, dirname(dirname(file)), SHARED_FOLDER);
  let names: string[];
  try {
    names = (await readdir(common)).filter((n) => n.endsWith('.avsc')).sort();
  } catch {
    return new Map();
  }
  const sources = await Promise.all(
    names.map(async (n) => ({
      file: posix.join(dirname(dirname(file)).replaceAll('\\', '/'), SHARED_FOLDER, n),
      contents: await readFile(join(common, n)),
    })),
  );
  const problems: Problem[] = [];
  const known = loadSharedTypes(sources, problems);
  if (problems.length > 0) throw new InputError(problems);
  return known;
}

/** Reads and parses schema files (paths relative to `cwd`) in the order given. */
export async function readSchemaFiles(cwd: string, files: string[]): Promise<VersionedSchema[]> {
  const out: VersionedSchema[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = decodeUtf8(await readFile(resolve(cwd, file)), file);
    } catch (err) {
      if (err instanceof EventcError) throw err;
      throw new InputError([{ file, message: `cannot be read: ${(err as Error).message}` }], {
        cause: err,
      });
    }
    const m = /(?:^|\/)v(\d+)\.avsc$/.exec(file.replaceAll('\\', '/'));
    const known = await sharedTypesFor(cwd, file);
    const schema = withLocatedProblems(
      () => parseSchema(text, file, { known }),
      (f) => (f === file ? text : undefined),
    );
    out.push(m ? { file, schema, version: Number(m[1]) } : { file, schema });
  }
  return out;
}

export interface ContractAtRef {
  tree: GitTreeAt;
  /** Undefined when the ref has no manifest. */
  contract: Contract | undefined;
  /** Texts of every version file at the ref, by project-relative path. */
  texts: Map<string, string>;
}

/** The contract at `ref`, built from the ref's manifest and schema files. */
export async function contractAtRef(root: string, ref: string): Promise<ContractAtRef> {
  const tree = await openRef(root, ref);
  const manifestBytes = (await tree.read([MANIFEST_FILE])).get(MANIFEST_FILE);
  if (!manifestBytes) return { tree, contract: undefined, texts: new Map() };
  try {
    const manifest = readManifest(decodeUtf8(manifestBytes, MANIFEST_FILE), MANIFEST_FILE);
    const paths = (await tree.list(manifest.schemas)).filter((p) => p.endsWith('.avsc'));
    const files = await tree.read(paths);
    const folders = new Set<string>();
    for (const p of files.keys()) {
      for (let d = posix.dirname(p); d !== '.' && !folders.has(d); d = posix.dirname(d)) {
        folders.add(d);
      }
    }
    const contract = buildContract(root, manifest, { files, folders });
    const texts = new Map([...files].map(([p, b]) => [p, b.toString('utf8')]));
    return { tree, contract, texts };
  } catch (err) {
    if (!(err instanceof EventcError)) throw err;
    throw new EventcError(`the contract at ${ref} does not load:\n${err.message}`, { cause: err });
  }
}

/** Current text of a project file, or undefined when it does not exist. */
export async function currentText(root: string, file: string): Promise<string | undefined> {
  try {
    return (await readFile(resolve(root, file))).toString('utf8');
  } catch {
    return undefined;
  }
}
