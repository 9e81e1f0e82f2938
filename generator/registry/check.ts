/**
 * `eventc check --registry`: the local versions against what the registry holds. Local
 * versions pair with the registry's versions in order (v1 with the first, ...). Reports
 * subjects the registry lacks, registered versions whose content differs from the file
 * (compared as parsed schemas in registration form, so formatting and docs do not count),
 * registered versions no file matches, and asks the registry's own compatibility endpoint
 * about versions not registered yet, explaining a refusal with this engine; a version it
 * would accept is a notice (`REGISTRY_UNREGISTERED_VERSION`), which does not fail the check.
 * Read-only.
 */
import { EventcError } from '../errors.js';
import { parseSchema } from '../load/index.js';
import type { Contract } from '../model/contract.js';
import type { RegistryClient } from './client.js';
import { registrationText } from '../model/schema-text.js';
import { contractSubjects, type SubjectSpec, type SubjectVersion } from './subjects.js';
import type { Report } from '../report/report.js';
import { checkNewVersion, type VersionedSchema } from '../compat/levels.js';
import type { Finding } from '../report/finding.js';

/** The part of the registry client this check uses. */
export type RegistryReader = Pick<
  RegistryClient,
  'displayUrl' | 'versions' | 'version' | 'testCompatibility'
>;

interface Registered extends VersionedSchema {
  version: number;
  text: string;
}

function finding(rule: string, s: SubjectSpec, message: string, fix: string, file?: string) {
  const f: Finding = { rule, subject: s.subject, location: '/', message, fix };
  if (file !== undefined) f.file = file;
  return f;
}

async function registeredVersions(
  registry: RegistryReader,
  subject: string,
  numbers: number[],
): Promise<Registered[]> {
  const out: Registered[] = [];
  for (const n of numbers) {
    const r = await registry.version(subject, n);
    const label = `${registry.displayUrl} subject "${subject}" version ${n}`;
    try {
      const schema = parseSchema(r.schema, label);
      out.push({ version: n, file: label, schema, text: registrationText(schema) });
    } catch (err) {
      throw new EventcError(`the registry's ${label} is not a schema eventc can read`, {
        cause: err,
      });
    }
  }
  return out;
}

async function checkNew(
  registry: RegistryReader,
  s: SubjectSpec,
  v: SubjectVersion,
  registered: Registered[],
): Promise<Finding[]> {
  const answer = await registry.testCompatibility(s.subject, v.text);
  if (answer.isCompatible) return [];
  const local = { version: v.version, file: v.file, schema: v.schema };
  const ours = checkNewVersion(local, registered, s.level, s.subject);
  if (ours.length > 0) return ours;
  const said = answer.messages.length > 0 ? `: ${answer.messages.join('; ')}` : '';
  return [
    finding(
      'REGISTRY_INCOMPATIBLE',
      s,
      `${s.event} v${v.version} is incompatible with subject "${s.subject}" in the registry${said}`,
      "compare the registry's compatibility level and versions with the manifest",
      v.file,
    ),
  ];
}

/** A local version the registry does not hold yet, and would accept. */
function unregisteredNotice(registry: RegistryReader, s: SubjectSpec, v: SubjectVersion): Finding {
  return finding(
    'REGISTRY_UNREGISTERED_VERSION',
    s,
    `${s.event} v${v.version} is not registered under subject "${s.subject}" at ${registry.displayUrl} yet; the registry would accept it`,
    "run 'eventc register'",
    v.file,
  );
}

async function checkSubject(
  registry: RegistryReader,
  s: SubjectSpec,
  unregistered: string[],
  notices: Finding[],
): Promise<Finding[]> {
  const numbers = await registry.versions(s.subject);
  if (numbers.length === 0) {
    unregistered.push(...s.versions.map((v) => v.file));
    return [
      finding(
        'REGISTRY_SUBJECT_MISSING',
        s,
        `subject "${s.subject}" (${s.event}) is not in the registry at ${registry.displayUrl}`,
        "run 'eventc register'",
      ),
    ];
  }
  const registered = await registeredVersions(registry, s.subject, numbers);
  const findings: Finding[] = [];
  // Local versions pair with the registry's versions in order: v1 with the first, and so on.
  for (const [i, v] of s.versions.entries()) {
    const same = registered[i];
    if (!same) {
      unregistered.push(v.file);
      const refused = await checkNew(registry, s, v, registered);
      findings.push(...refused);
      if (refused.length === 0) notices.push(unregisteredNotice(registry, s, v));
    } else if (same.text !== v.text) {
      findings.push(
        finding(
          'REGISTRY_CONTENT_DIFFERS',
          s,
          `${s.event} v${v.version} differs from version ${same.version} of subject "${s.subject}" in the registry`,
          'a registered version must not change: restore the file to what is registered and add the change as a new version',
          v.file,
        ),
      );
    }
  }
  for (const extra of registered.slice(s.versions.length)) {
    findings.push(
      finding(
        'REGISTRY_EXTRA_VERSION',
        s,
        `subject "${s.subject}" has version ${extra.version} in the registry, and ${s.event} has no file for it`,
        'restore the version file: a registered version must not be deleted',
      ),
    );
  }
  return findings;
}

export interface RegistryReport extends Report {
  /** Files of the versions the registry does not hold yet. */
  unregistered: string[];
}

export async function checkAgainstRegistry(
  contract: Contract,
  registry: RegistryReader,
): Promise<RegistryReport> {
  const subjects = contractSubjects(contract);
  const findings: Finding[] = [];
  const notices: Finding[] = [];
  const unregistered: string[] = [];
  for (const s of subjects) {
    findings.push(...(await checkSubject(registry, s, unregistered, notices)));
  }
  const checked = subjects.map((s) => s.subject);
  return { tool: 'check', noun: 'subject', checked, findings, notices, unregistered };
}
