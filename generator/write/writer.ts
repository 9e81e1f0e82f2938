/**
 * Writes generated files into an output folder: all or nothing. The new content is built in
 * a temporary sibling folder (unchanged files hard-linked from the old folder, so their
 * timestamps stay put), then swapped in with two renames; files no longer generated are
 * gone with the old folder. On any error the old folder is left exactly as it was. When
 * nothing changed, nothing is touched.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { EventcError } from '../errors.js';
import type { GeneratedFile } from '../emit/model.js';
import { listFiles, nodeFs, readIfExists, type WriterFs } from './fs.js';

export interface WriteResult {
  /** Files whose content is new or changed. */
  written: string[];
  unchanged: string[];
  /** Files of the old folder that are no longer generated. */
  removed: string[];
}

/** The output folder could not be replaced; it is as it was. */
export class WriteError extends EventcError {
  override name = 'WriteError';
  override readonly exitCode = 1;
  readonly outDir: string;
  constructor(outDir: string, cause: unknown) {
    super(`cannot write ${outDir} (left unchanged): ${(cause as Error).message ?? String(cause)}`, {
      cause,
    });
    this.outDir = outDir;
  }
}

async function planChanges(fs: WriterFs, outDir: string, files: GeneratedFile[]) {
  const old = await listFiles(fs, outDir);
  const wanted = new Set(files.map((f) => f.path));
  const result: WriteResult = {
    written: [],
    unchanged: [],
    removed: old.filter((p) => !wanted.has(p)),
  };
  for (const f of files) {
    const current = await readIfExists(fs, join(outDir, f.path));
    (current === f.content ? result.unchanged : result.written).push(f.path);
  }
  return result;
}

async function buildTemp(
  fs: WriterFs,
  outDir: string,
  temp: string,
  files: GeneratedFile[],
  unchanged: Set<string>,
) {
  await fs.mkdir(temp, { recursive: true });
  for (const f of files) {
    const target = join(temp, f.path);
    await fs.mkdir(dirname(target), { recursive: true });
    if (unchanged.has(f.path)) {
      try {
        await fs.link(join(outDir, f.path), target);
        continue;
      } catch {
        // Fall back to writing the content.
      }
    }
    await fs.writeFile(target, f.content);
  }
}

async function swap(fs: WriterFs, outDir: string, temp: string, suffix: string, exists: boolean) {
  if (!exists) {
    await fs.rename(temp, outDir);
    return;
  }
  const old = `${outDir}.eventc-old-${suffix}`;
  await fs.rename(outDir, old);
  try {
    await fs.rename(temp, outDir);
  } catch (err) {
    await fs.rename(old, outDir);
    throw err;
  }
  await fs.rm(old, { recursive: true, force: true });
}

/** Replaces `outDir` with exactly `files`, atomically. */
export async function writeOutput(
  outDir: string,
  files: GeneratedFile[],
  fs: WriterFs = nodeFs,
): Promise<WriteResult> {
  const plan = await planChanges(fs, outDir, files);
  if (plan.written.length === 0 && plan.removed.length === 0) return plan;
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = `${outDir}.eventc-tmp-${suffix}`;
  const exists = (await listFiles(fs, outDir)).length > 0 || (await isDir(fs, outDir));
  try {
    await buildTemp(fs, outDir, temp, files, new Set(plan.unchanged));
    await swap(fs, outDir, temp, suffix, exists);
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw new WriteError(outDir, err);
  }
  return plan;
}

async function isDir(fs: WriterFs, path: string): Promise<boolean> {
  try {
    await fs.readdir(path, { withFileTypes: true });
    return true;
  } catch {
    return false;
  }
}

export interface CheckResult {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Compares `outDir` with `files` without writing: what `--check` reports. */
export async function checkOutput(
  outDir: string,
  files: GeneratedFile[],
  fs: WriterFs = nodeFs,
): Promise<CheckResult> {
  const result: CheckResult = { stale: [], missing: [], extra: [] };
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const current = await readIfExists(fs, join(outDir, f.path));
    if (current === undefined) result.missing.push(f.path);
    else if (current !== f.content) result.stale.push(f.path);
  }
  result.extra = (await listFiles(fs, outDir)).filter((p) => !wanted.has(p));
  return result;
}
