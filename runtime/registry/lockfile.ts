/**
 * The registry lock file (`schemas/eventc.lock.<env>.json`, written by `eventc register`):
 * for every subject and version, the schema id the registry gave it and the fingerprint
 * (SHA-256, hex, of the Parsing Canonical Form) of the schema registered. Producers that
 * run pinned to it publish with these ids and need no registry lookup; start-up fails when
 * the lock file and the compiled schemas (or the registry) disagree.
 */
import { readFileSync } from 'node:fs';
import { avroType } from '../codec/avro-type.js';
import type { EventDescriptor } from '../descriptor.js';
import { EventcRuntimeError } from '../errors.js';

export const LOCK_FORMAT = 1;

export interface LockEntry {
  subject: string;
  event: string;
  role: 'value' | 'key';
  /** The event's version (its `v<N>.avsc` file); 1 for a key schema. */
  version: number;
  /** The version number the registry gave it under the subject. */
  registryVersion: number;
  /** The registry's global schema id: bytes 1–4 of every message written with it. */
  id: number;
  /** SHA-256 (hex) of the schema's Parsing Canonical Form. */
  fingerprint: string;
}

export interface LockFile {
  format: typeof LOCK_FORMAT;
  env: string;
  /** Sorted by subject, then version. */
  entries: LockEntry[];
}

/** The lock file cannot be read or is malformed. */
export class LockFileError extends EventcRuntimeError {
  override name = 'LockFileError';
}

/** The lock file, the compiled schemas and the registry do not agree. */
export class LockMismatchError extends EventcRuntimeError {
  override name = 'LockMismatchError';
  readonly problems: string[];
  constructor(problems: string[], source: string) {
    super(
      `${source} does not match ${problems.length === 1 ? 'this build' : 'this build in ' + problems.length + ' places'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        `\nRun 'eventc register' for this environment and rebuild, or run without pinned ids.`,
    );
    this.problems = problems;
  }
}

const ENTRY_FIELDS: Record<keyof LockEntry, 'string' | 'number'> = {
  subject: 'string',
  event: 'string',
  role: 'string',
  version: 'number',
  registryVersion: 'number',
  id: 'number',
  fingerprint: 'string',
};

/** Parses and validates lock-file text; `source` names it in errors. */
export function parseLockFile(text: string, source = 'lock file'): LockFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LockFileError(`${source} is not valid JSON`, { cause: err });
  }
  const lock = data as Partial<LockFile> | null;
  if (
    !lock ||
    lock.format !== LOCK_FORMAT ||
    typeof lock.env !== 'string' ||
    !Array.isArray(lock.entries)
  ) {
    throw new LockFileError(`${source} is not an eventc lock file of format ${LOCK_FORMAT}`);
  }
  lock.entries.forEach((e: unknown, i) => {
    for (const [key, kind] of Object.entries(ENTRY_FIELDS)) {
      if (typeof (e as Record<string, unknown> | null)?.[key] !== kind) {
        throw new LockFileError(`${source}: entries[${i}].${key} must be a ${kind}`);
      }
    }
  });
  return lock as LockFile;
}

export function readLockFile(path: string): LockFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new LockFileError(`cannot read lock file ${path}; run 'eventc register' first`, {
      cause: err,
    });
  }
  return parseLockFile(text, path);
}

/** SHA-256 (hex) of the Parsing Canonical Form of an Avro schema given as JSON text. */
export function schemaFingerprint(schemaText: string): string {
  return avroType(JSON.parse(schemaText) as object)
    .fingerprint('sha256')
    .toString('hex');
}

/** Schema ids from a lock file, by subject and fingerprint. */
export class PinnedIds {
  readonly env: string;
  private readonly byKey = new Map<string, LockEntry>();
  private readonly fingerprints = new Map<string, string>();

  constructor(
    readonly lock: LockFile,
    private readonly source = `lock file of environment "${lock.env}"`,
  ) {
    this.env = lock.env;
    for (const e of lock.entries) this.byKey.set(`${e.subject}\u0000${e.fingerprint}`, e);
  }

  /** The pinned id of `schemaText` under `subject`, or undefined when the lock has none. */
  idFor(subject: string, schemaText: string): number | undefined {
    let fp = this.fingerprints.get(schemaText);
    if (fp === undefined) {
      fp = schemaFingerprint(schemaText);
      this.fingerprints.set(schemaText, fp);
    }
    return this.byKey.get(`${subject}\u0000${fp}`)?.id;
  }

  /**
   * The pinned id of `schemaText` under `subject`; throws `LockMismatchError` when the lock
   * file has no entry with this schema's fingerprint (not registered in this environment, or
   * the schema changed since it was registered).
   */
  require(subject: string, schemaText: string): number {
    const id = this.idFor(subject, schemaText);
    if (id !== undefined) return id;
    const fp = this.fingerprints.get(schemaText) ?? '';
    const under = this.lock.entries.filter((e) => e.subject === subject);
    const known =
      under.length === 0
        ? 'it has no entry for this subject'
        : `it has ${under.map((e) => `v${e.version} ${e.fingerprint.slice(0, 12)}…`).join(', ')}`;
    throw new LockMismatchError(
      [`subject "${subject}": no schema with fingerprint ${fp.slice(0, 12)}… is pinned (${known})`],
      this.source,
    );
  }

  /** The lock entry of one event version's value schema. */
  entry(subject: string, version: number): LockEntry | undefined {
    return this.lock.entries.find(
      (e) => e.subject === subject && e.version === version && e.role === 'value',
    );
  }

  /**
   * Checks every version of every descriptor against the lock file: each must have an entry
   * under its subject with the same fingerprint. Throws `LockMismatchError` listing all.
   */
  verify(descriptors: readonly EventDescriptor[]): void {
    const problems: string[] = [];
    for (const d of descriptors) {
      for (const v of d.versions) {
        const entry = this.entry(d.subject, v.version);
        const fp = v.type.fingerprint('sha256').toString('hex');
        if (!entry) {
          problems.push(`${d.event} v${v.version} (subject "${d.subject}") has no entry`);
        } else if (entry.fingerprint !== fp) {
          problems.push(
            `${d.event} v${v.version} (subject "${d.subject}") was registered with fingerprint ${entry.fingerprint.slice(0, 12)}…, this build has ${fp.slice(0, 12)}…`,
          );
        }
      }
    }
    if (problems.length > 0) throw new LockMismatchError(problems, this.source);
  }

  /**
   * Checks each pinned id against the registry: the schema it names must have the pinned
   * fingerprint. `schemaById` is the registry call (e.g. the runtime client's).
   */
  async verifyRegistry(schemaById: (id: number) => Promise<string>): Promise<void> {
    const problems: string[] = [];
    for (const e of this.lock.entries) {
      const fp = schemaFingerprint(await schemaById(e.id));
      if (fp !== e.fingerprint) {
        problems.push(
          `schema id ${e.id} (subject "${e.subject}" v${e.version}) is a different schema in the registry`,
        );
      }
    }
    if (problems.length > 0) throw new LockMismatchError(problems, this.source);
  }
}

/** Pinned ids from a parsed lock file or from a lock file's path. */
export function pinnedIds(lock: LockFile | string): PinnedIds {
  return typeof lock === 'string' ? new PinnedIds(readLockFile(lock), lock) : new PinnedIds(lock);
}
