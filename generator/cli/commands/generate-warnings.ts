/**
 * What `eventc generate` warns about in a contract that loads: versions that are not
 * compatible under their event's level, and published versions that were edited (a
 * version whose schema differs from the one an environment's lock file registered). It
 * points to `eventc check`; with `--strict` they fail the run before anything is written.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkContract } from '../../compat/contract-check.js';
import type { Finding } from '../../report/finding.js';
import { EventcError } from '../../errors.js';
import type { Contract } from '../../model/contract.js';
import { lockDrift } from '../../registry/drift.js';
import { readLock } from '../../registry/lock.js';
import { findingLine } from '../../report/report.js';
import { addLines } from '../locate.js';

const LOCK_FILE = /^eventc\.lock\.(.+)\.json$/;

/** `--strict` found warnings. Exit status 1, nothing written. */
export class StrictGenerateError extends EventcError {
  override name = 'StrictGenerateError';
  override readonly exitCode: number = 1;
}

/** Findings of every lock file under the schema root: published versions that changed. */
async function editedPublished(contract: Contract): Promise<Finding[]> {
  const dir = join(contract.root, contract.schemaRoot);
  const names = await readdir(dir).catch(() => [] as string[]);
  const findings: Finding[] = [];
  for (const name of names.sort()) {
    const env = LOCK_FILE.exec(name)?.[1];
    if (env === undefined) continue;
    const lock = await readLock(join(dir, name));
    findings.push(
      ...lockDrift(contract, lock, env).filter((f) => f.rule === 'LOCK_FINGERPRINT_MISMATCH'),
    );
  }
  return findings;
}

export async function contractWarnings(contract: Contract): Promise<Finding[]> {
  const report = checkContract(contract);
  report.findings.push(...(await editedPublished(contract)));
  return (await addLines(report, contract.root)).findings;
}

/**
 * Prints the warnings on stderr and where to look; with `strict`, throws instead (exit 1).
 */
export function reportWarnings(findings: Finding[], strict: boolean): void {
  if (findings.length === 0) return;
  const lines = findings.map((f) => `  ${findingLine(f)}`);
  const what = `${findings.length} compatibility problem${findings.length === 1 ? '' : 's'} in the contract`;
  if (strict) {
    throw new StrictGenerateError(
      `${what}; nothing was written (--strict):\n${lines.join('\n')}\nRun \`eventc check\` for the rules and fixes.`,
    );
  }
  process.stderr.write(
    `eventc: warning: ${what}:\n${lines.join('\n')}\neventc: warning: run \`eventc check\` for the rules and fixes; \`eventc generate --strict\` fails on them\n`,
  );
}
