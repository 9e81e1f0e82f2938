/**
 * Confluent's compatibility levels over a list of versions: which pairs are checked and in
 * which direction. BACKWARD: the new version reads the latest older one; FORWARD: the latest
 * older one reads the new one; FULL: both; `_TRANSITIVE`: against every older version
 * instead of the latest; NONE: nothing.
 */
import type { SchemaSet } from '../model/avro.js';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../model/contract.js';
import { checkReaderWriter } from './checker.js';
import type { Finding } from '../report/finding.js';
import type { Incompatibility } from './types.js';

export { COMPATIBILITY_LEVELS };

export function isCompatibilityLevel(value: string): value is CompatibilityLevel {
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(value);
}

interface LevelRule {
  /** The new version must read data of the older ones. */
  newReadsOld: boolean;
  /** The older versions must read data of the new one. */
  oldReadsNew: boolean;
  /** Against every older version, not only the latest. */
  transitive: boolean;
}

const RULES: Record<CompatibilityLevel, LevelRule> = {
  BACKWARD: { newReadsOld: true, oldReadsNew: false, transitive: false },
  BACKWARD_TRANSITIVE: { newReadsOld: true, oldReadsNew: false, transitive: true },
  FORWARD: { newReadsOld: false, oldReadsNew: true, transitive: false },
  FORWARD_TRANSITIVE: { newReadsOld: false, oldReadsNew: true, transitive: true },
  FULL: { newReadsOld: true, oldReadsNew: true, transitive: false },
  FULL_TRANSITIVE: { newReadsOld: true, oldReadsNew: true, transitive: true },
  NONE: { newReadsOld: false, oldReadsNew: false, transitive: false },
};

/** One version of a schema: its number where known, and the file it came from. */
export interface VersionedSchema {
  version?: number;
  file?: string;
  schema: SchemaSet;
}

/**
 * Checks a new version against the older ones (oldest first) under `level`, as the registry
 * does when the new version is registered. Findings come oldest writer/reader first.
 */
export function checkNewVersion(
  candidate: VersionedSchema,
  older: readonly VersionedSchema[],
  level: CompatibilityLevel,
  subject?: string,
): Finding[] {
  const rule = RULES[level];
  const against = rule.transitive ? older : older.slice(-1);
  const findings: Finding[] = [];
  for (const old of against) {
    if (rule.newReadsOld) findings.push(...checkPair(candidate, old, candidate, subject));
    if (rule.oldReadsNew) findings.push(...checkPair(old, candidate, candidate, subject));
  }
  return findings;
}

/** Checks every version after the first against its predecessors, in order. */
export function checkHistory(
  versions: readonly VersionedSchema[],
  level: CompatibilityLevel,
  subject?: string,
): Finding[] {
  const findings: Finding[] = [];
  for (let i = 1; i < versions.length; i++) {
    findings.push(...checkNewVersion(versions[i]!, versions.slice(0, i), level, subject));
  }
  return findings;
}

/** Findings for one reader/writer pair; `about` is the version the findings are filed on. */
export function checkPair(
  reader: VersionedSchema,
  writer: VersionedSchema,
  about: VersionedSchema,
  subject?: string,
): Finding[] {
  const forward = reader !== about;
  const result = checkReaderWriter(reader.schema, writer.schema, { forward });
  return result.incompatibilities.map((inc) => toFinding(inc, reader, writer, about, subject));
}

function toFinding(
  inc: Incompatibility,
  reader: VersionedSchema,
  writer: VersionedSchema,
  about: VersionedSchema,
  subject?: string,
): Finding {
  const finding: Finding = {
    rule: inc.rule,
    location: inc.location,
    path: inc.path,
    message: `${inc.detail}; readers of ${label(reader)} cannot read ${label(writer)} data`,
  };
  if (subject !== undefined) finding.subject = subject;
  if (reader.version !== undefined) finding.readerVersion = reader.version;
  if (writer.version !== undefined) finding.writerVersion = writer.version;
  const file = about.file ?? about.schema.file;
  if (file) finding.file = file;
  if (inc.fix !== undefined) finding.fix = inc.fix;
  return finding;
}

function label(v: VersionedSchema): string {
  if (v.version !== undefined) return `v${v.version}`;
  return v.file ?? v.schema.file;
}
