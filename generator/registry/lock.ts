/**
 * The lock file on the generator side: built from a registration plan's final state and
 * written deterministically (entries sorted by subject and version, fixed key order,
 * two-space JSON, LF). The format and its reader are in `runtime/registry/lockfile.ts`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EventcError } from '../errors.js';
import type { Contract } from '../model/contract.js';
import { LOCK_FORMAT, parseLockFile } from '../../runtime/registry/lockfile.js';
import type { LockEntry, LockFile } from '../../runtime/registry/lockfile.js';
import type { Plan } from './plan.js';
import { replaceFile } from '../write/single.js';

export const DEFAULT_ENV = 'default';

export function checkEnvName(env: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(env)) {
    throw new EventcError(`environment name "${env}" may only use letters, digits, '_', '.', '-'`);
  }
  return env;
}

/** `schemas/eventc.lock.<env>.json` under the contract's schema root. */
export function lockPath(contract: Contract, env: string): string {
  return path.resolve(contract.root, contract.schemaRoot, `eventc.lock.${checkEnvName(env)}.json`);
}

export function lockFromPlan(plan: Plan, env: string): LockFile {
  const entries: LockEntry[] = [];
  for (const s of plan.subjects) {
    for (const v of s.versions) {
      if (!v.registered) continue;
      entries.push({
        subject: s.subject,
        event: s.event,
        role: s.role,
        version: v.version,
        registryVersion: v.registered.registryVersion,
        id: v.registered.id,
        fingerprint: v.fingerprint,
      });
    }
  }
  entries.sort((a, b) =>
    a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version,
  );
  return { format: LOCK_FORMAT, env, entries };
}

export function serializeLock(lock: LockFile): string {
  const entries = lock.entries.map((e) => ({
    subject: e.subject,
    event: e.event,
    role: e.role,
    version: e.version,
    registryVersion: e.registryVersion,
    id: e.id,
    fingerprint: e.fingerprint,
  }));
  return `${JSON.stringify({ format: lock.format, env: lock.env, entries }, null, 2)}\n`;
}

/** The lock file at `file`, or undefined when there is none. */
export async function readLock(file: string): Promise<LockFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EventcError(`cannot read lock file ${file}`, { cause: err });
  }
  try {
    return parseLockFile(text, file);
  } catch (err) {
    throw new EventcError((err as Error).message, { cause: err });
  }
}

/**
 * Writes the lock file if its content changed: to a temporary file beside it, then renamed
 * over it, so readers never see half a file. Returns whether it changed.
 */
export async function writeLock(file: string, lock: LockFile): Promise<boolean> {
  const text = serializeLock(lock);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === text) return false;
  await replaceFile(file, text);
  return true;
}
