/**
 * Reading a git ref without checking it out: `git rev-parse`, `git ls-tree` and
 * `git cat-file --batch`. Needs only the ref's objects, so it works in a shallow clone once
 * the ref is fetched.
 */
import { execFile, spawn } from 'node:child_process';
import { posix } from 'node:path';
import { promisify } from 'node:util';
import { EventcError } from '../errors.js';

const run = promisify(execFile);

export class GitError extends EventcError {
  override name = 'GitError';
  readonly ref: string | undefined;
  constructor(message: string, options: { ref?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.ref = options.ref;
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args.join(' ')} failed in ${cwd}${stderr ? `: ${stderr}` : ''}`, {
      cause: err,
    });
  }
}

/** A view of one commit, with paths relative to the project root (which may be a subfolder). */
export interface GitTreeAt {
  ref: string;
  /** Project-relative paths of every file under `folder` at the ref. */
  list(folder: string): Promise<string[]>;
  /** Contents of project-relative files at the ref; missing files are left out. */
  read(files: string[]): Promise<Map<string, Buffer>>;
}

/** Opens `ref` in the repository holding `root`; throws a GitError when it is unknown. */
export async function openRef(root: string, ref: string): Promise<GitTreeAt> {
  const top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  let commit: string;
  try {
    commit = (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch (err) {
    throw new GitError(
      `unknown git ref "${ref}"; in a shallow clone fetch it first (git fetch --depth=1 origin ${ref})`,
      { ref, cause: err },
    );
  }
  return {
    ref,
    async list(folder) {
      const base = posix.join(prefix, folder);
      const out = await git(top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', base]);
      return out
        .split('\0')
        .filter((p) => p.length > 0)
        .map((p) => posix.relative(prefix || '.', p));
    },
    read: (files) => catFiles(top, commit, prefix, files),
  };
}

/** `git cat-file --batch`: every file in one process. */
function catFiles(
  top: string,
  commit: string,
  prefix: string,
  files: string[],
): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: top });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (err) =>
      reject(new GitError(`cannot run git: ${err.message}`, { cause: err })),
    );
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file --batch exited with ${code}`));
      resolve(parseBatch(Buffer.concat(chunks), files));
    });
    child.stdin.end(files.map((f) => `${commit}:${posix.join(prefix, f)}\n`).join(''));
  });
}

function parseBatch(out: Buffer, files: string[]): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^\S+ (\S+) (\d+)$/.exec(header);
    if (!m) continue; // `<object> missing`
    const size = Number(m[2]);
    if (m[1] === 'blob') result.set(file, out.subarray(at, at + size));
    at += size + 1;
  }
  return result;
}
