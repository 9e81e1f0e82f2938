/**
 * The file operations the writer uses, as one object so tests can inject failures (a full
 * disk, a crash halfway) and prove that the output folder is left as it was.
 */
import type { Dirent } from 'node:fs';
import * as fsp from 'node:fs/promises';

export interface WriterFs {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { recursive: true; force: true }): Promise<void>;
  link(existing: string, created: string): Promise<void>;
}

export const nodeFs: WriterFs = {
  readFile: (p) => fsp.readFile(p),
  writeFile: (p, d) => fsp.writeFile(p, d),
  mkdir: (p, o) => fsp.mkdir(p, o),
  readdir: (p, o) => fsp.readdir(p, o),
  rename: (a, b) => fsp.rename(a, b),
  rm: (p, o) => fsp.rm(p, o),
  link: (a, b) => fsp.link(a, b),
};

/** Every file below `dir` as a `/`-separated relative path; empty when `dir` does not exist. */
export async function listFiles(fs: WriterFs, dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(prefix ? `${dir}/${prefix}` : dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(fs, dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

export async function readIfExists(fs: WriterFs, path: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(path)).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
