/**
 * Drift between git (the contract), the lock file of an environment and the registry, for
 * `eventc check --registry`. Each finding names the subject, the version and the file, and
 * says how to fix it. Read-only: nothing is registered or written.
 */
import type { Finding } from '../report/finding.js';
import { parseSchema } from '../load/index.js';
import type { Contract } from '../model/contract.js';
import type { LockFile } from '../../runtime/registry/lockfile.js';
import { createHash } from 'node:crypto';
import type { RegistryClient } from './client.js';
import { contractSubjects, type SubjectSpec } from './subjects.js';

export type DriftRule =
  | 'LOCK_MISSING_VERSION'
  | 'LOCK_FINGERPRINT_MISMATCH'
  | 'LOCK_UNKNOWN_ENTRY'
  | 'REGISTRY_MISSING_VERSION'
  | 'REGISTRY_ID_MISMATCH'
  | 'REGISTRY_EXTRA_VERSION'
  | 'REGISTRY_LEVEL_MISMATCH';

function finding(
  rule: DriftRule,
  subject: string,
  message: string,
  fix: string,
  file?: string,
): Finding {
  const f: Finding = { rule, subject, location: '/', message, fix };
  if (file !== undefined) f.file = file;
  return f;
}

/** Git against the lock file: no registry needed. */
export function lockDrift(contract: Contract, lock: LockFile | undefined, env: string): Finding[] {
  const findings: Finding[] = [];
  const specs = contractSubjects(contract);
  const register = `run 'eventc register --env ${env}'`;
  for (const s of specs) {
    for (const v of s.versions) {
      const entry = lock?.entries.find(
        (e) => e.subject === s.subject && e.version === v.version && e.role === s.role,
      );
      if (!entry) {
        findings.push(
          finding(
            'LOCK_MISSING_VERSION',
            s.subject,
            `${s.event} v${v.version} is not in the lock file of "${env}"`,
            register,
            v.file,
          ),
        );
      } else if (entry.fingerprint !== v.fingerprint) {
        findings.push(
          finding(
            'LOCK_FINGERPRINT_MISMATCH',
            s.subject,
            `${s.event} v${v.version} differs from the schema registered in "${env}" (fingerprint ${entry.fingerprint.slice(0, 12)}… in the lock file, ${v.fingerprint.slice(0, 12)}… in git)`,
            'a published version must not change: restore the file and add the change as a new version',
            v.file,
          ),
        );
      }
    }
  }
  for (const e of lock?.entries ?? []) {
    const s = specs.find((x) => x.subject === e.subject && x.role === e.role);
    if (!s?.versions.some((v) => v.version === e.version)) {
      findings.push(
        finding(
          'LOCK_UNKNOWN_ENTRY',
          e.subject,
          `the lock file of "${env}" has ${e.event} v${e.version}, which the contract does not`,
          `restore the version file or ${register}`,
        ),
      );
    }
  }
  return findings;
}

/** Git and the lock file against the registry: everything `registryDrift` can find. */
export async function registryDrift(
  contract: Contract,
  lock: LockFile | undefined,
  registry: RegistryClient,
  env = lock?.env ?? 'default',
): Promise<Finding[]> {
  const findings = lockDrift(contract, lock, env);
  for (const s of contractSubjects(contract))
    findings.push(...(await subjectDrift(s, lock, registry)));
  return findings;
}

/**
 * Only what involves the lock file: git against the lock file, and the lock file's ids
 * against the registry. For `eventc check --registry`, which compares git and the registry
 * itself.
 */
export async function lockFileDrift(
  contract: Contract,
  lock: LockFile,
  registry: RegistryClient,
): Promise<Finding[]> {
  const findings = lockDrift(contract, lock, lock.env);
  for (const s of contractSubjects(contract)) {
    for (const v of s.versions) {
      const entry = lock.entries.find(
        (e) => e.subject === s.subject && e.version === v.version && e.role === s.role,
      );
      if (!entry || entry.fingerprint !== v.fingerprint) continue;
      const found = await registry.lookup(s.subject, v.text);
      if (found && found.id !== entry.id)
        findings.push(idMismatch(s, v.version, found.id, entry.id, v.file));
    }
  }
  return findings;
}

function idMismatch(
  s: SubjectSpec,
  version: number,
  registryId: number,
  lockId: number,
  file: string,
): Finding {
  return finding(
    'REGISTRY_ID_MISMATCH',
    s.subject,
    `${s.event} v${version} has schema id ${registryId} in the registry but ${lockId} in the lock file`,
    "run 'eventc register' to refresh the lock file",
    file,
  );
}
async function subjectDrift(
  s: SubjectSpec,
  lock: LockFile | undefined,
  registry: RegistryClient,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const existing = await registry.versions(s.subject);
  const level = await registry.subjectLevel(s.subject);
  if (existing.length > 0 && level !== undefined && level !== s.level) {
    findings.push(
      finding(
        'REGISTRY_LEVEL_MISMATCH',
        s.subject,
        `the registry has compatibility ${level}, the manifest says ${s.level}`,
        "run 'eventc register'",
      ),
    );
  }
  const known = new Set<number>();
  for (const v of s.versions) {
    const found = existing.length > 0 ? await registry.lookup(s.subject, v.text) : undefined;
    if (!found) {
      findings.push(
        finding(
          'REGISTRY_MISSING_VERSION',
          s.subject,
          `${s.event} v${v.version} is not registered at ${registry.displayUrl}`,
          "run 'eventc register'",
          v.file,
        ),
      );
      continue;
    }
    known.add(found.version);
    const entry = lock?.entries.find(
      (e) => e.subject === s.subject && e.version === v.version && e.role === s.role,
    );
    if (entry && entry.id !== found.id) {
      findings.push(idMismatch(s, v.version, found.id, entry.id, v.file));
    }
  }
  for (const n of existing.filter((n) => !known.has(n))) {
    const text = (await registry.version(s.subject, n)).schema;
    findings.push(
      finding(
        'REGISTRY_EXTRA_VERSION',
        s.subject,
        `registry version ${n} of "${s.subject}" (${describe(text, s)}) is not a version in this project`,
        'add it as a version file, or delete it from the registry if it was a mistake',
      ),
    );
  }
  return findings;
}

function describe(text: string, s: SubjectSpec): string {
  try {
    const fp = createHash('sha256').update(parseSchema(text, s.subject).canonical).digest('hex');
    const same = s.versions.find((v) => v.fingerprint === fp);
    return same
      ? `same canonical form as v${same.version}, different text`
      : `fingerprint ${fp.slice(0, 12)}…`;
  } catch {
    return 'a schema eventc cannot parse';
  }
}
