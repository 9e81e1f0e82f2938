/**
 * Writing one file so that no reader sees half of it: `createFile` puts a new file in place
 * only where none is (a temporary file linked into place, which fails rather than replace one
 * that appeared meanwhile); `replaceFile` swaps the whole new content in with a rename. Used
 * by the scaffolds, `eventc init` and the lock file; `generated/` has its own folder writer.
 */
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes `content` to `path` unless something is there; true when it wrote. */
export async function createFile(path: string, content: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, 'utf8');
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Replaces `path` with `content`: written beside it, then renamed over it. */
export async function replaceFile(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, path);
}
