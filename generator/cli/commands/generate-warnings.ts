/**
 * What `eventc generate` warns about in a contract that loads: versions that are not
 * compatible under their event's level, published versions that were edited (a version
 * whose schema differs from the one an environment's lock file registered), and logical
 * types ignored as invalid. It points to `eventc check`; with `--strict` they fail the run
 * before anything is written.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkContract } from '../../compat/contract-check.js';
import type { Finding } from '../../report/finding.js';
import { EventcError } from '../../errors.js';
import type { SchemaSet, SchemaWarning } from '../../model/avro.js';
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

/** The rule of a logical type ignored as invalid. */
export const LOGICAL_TYPE_IGNORED = 'LOGICAL_TYPE_IGNORED';

/** Findings of the logical types the schema files declare and Avro ignores. */
export function ignoredLogicalTypes(warnings: readonly SchemaWarning[]): Finding[] {
  return warnings.map((w) => ({
    rule: LOGICAL_TYPE_IGNORED,
    file: w.file,
    location: w.pointer,
    message: w.message,
  }));
}

export async function contractWarnings(contract: Contract): Promise<Finding[]> {
  const report = checkContract(contract);
  report.findings.push(...(await editedPublished(contract)));
  report.findings.push(...ignoredLogicalTypes(contract.warnings ?? []));
  return (await addLines(report, contract.root)).findings;
}

/** The warnings of plain schema files (no manifest): their ignored logical types. */
export async function schemaFileWarnings(
  sets: readonly SchemaSet[],
  root: string,
): Promise<Finding[]> {
  const report = {
    tool: 'generate',
    noun: 'file',
    checked: sets.map((s) => s.file),
    findings: ignoredLogicalTypes(sets.flatMap((s) => s.warnings ?? [])),
  };
  return (await addLines(report, root)).findings;
}

/**
 * Prints the warnings on stderr and where to look; with `strict`, throws instead (exit 1).
 */
export function reportWarnings(findings: Finding[], strict: boolean, where = 'the contract'): void {
  if (findings.length === 0) return;
  const lines = findings.map((f) => `  ${findingLine(f)}`);
  const ignored = findings.filter((f) => f.rule === LOGICAL_TYPE_IGNORED).length;
  const compat = findings.length - ignored;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const what = `${[
    ...(compat > 0 ? [count(compat, 'compatibility problem')] : []),
    ...(ignored > 0 ? [count(ignored, 'ignored logical type')] : []),
  ].join(' and ')} in ${where}`;
  if (strict) {
    throw new StrictGenerateError(
      `${what}; nothing was written (--strict):\n${lines.join('\n')}\nRun \`eventc check\` for the rules and fixes.`,
    );
  }
  process.stderr.write(
    `eventc: warning: ${what}:\n${lines.join('\n')}\neventc: warning: run \`eventc check\` for the rules and fixes; \`eventc generate --strict\` fails on them\n`,
  );
}
