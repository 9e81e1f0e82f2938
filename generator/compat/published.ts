/**
 * `eventc check --against <git-ref>`: published versions are immutable, new ones must be
 * compatible with the full history at the ref. Pure: both contracts and the version files'
 * texts come in; the git reading is the CLI's.
 */
import type { CompatibilityLevel, Contract, EventContract } from '../model/contract.js';
import type { Report } from '../report/report.js';
import { eventVersions } from './contract-check.js';
import { checkNewVersion, type VersionedSchema } from './levels.js';
import type { Finding } from '../report/finding.js';

export interface PublishedInput {
  ref: string;
  /** The contract at the ref; undefined when the ref has no manifest yet. */
  published: Contract | undefined;
  current: Contract;
  /** File text at the ref and now (undefined when the file does not exist now). */
  textAt(file: string): { published: string; current: string | undefined };
  level?: CompatibilityLevel;
}

function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

function finding(rule: string, event: string, file: string, message: string, fix: string): Finding {
  return { rule, subject: event, file, location: '/', message, fix };
}

/** Published versions that were edited or deleted since the ref. */
function immutability(input: PublishedInput, old: EventContract): Finding[] {
  const now = input.current.events.find((e) => e.name === old.name);
  const findings: Finding[] = [];
  for (const v of old.versions) {
    const restore = `restore it with 'git checkout ${input.ref} -- ${v.file}' and make the change in a new version`;
    const current = now?.versions.find((x) => x.version === v.version);
    const texts = input.textAt(v.file);
    if (!current || texts.current === undefined) {
      findings.push(
        finding(
          'PUBLISHED_VERSION_DELETED',
          old.name,
          v.file,
          `${old.name} v${v.version} was published at ${input.ref} and was deleted; consumers may still read it`,
          restore,
        ),
      );
    } else if (normalize(texts.current) !== normalize(texts.published)) {
      findings.push(
        finding(
          'PUBLISHED_VERSION_EDITED',
          old.name,
          v.file,
          `${old.name} v${v.version} was published at ${input.ref} and its file was edited; published versions must not change`,
          restore,
        ),
      );
    } else if (current.schema.canonical !== v.schema.canonical) {
      findings.push(
        finding(
          'PUBLISHED_VERSION_EDITED',
          old.name,
          v.file,
          `${old.name} v${v.version} was published at ${input.ref} and changed through a shared type it uses; published versions must not change`,
          `restore the shared type from ${input.ref} and add the change as a new type or version`,
        ),
      );
    }
  }
  return findings;
}

/** New versions, each against the history at the ref plus the new versions before it. */
function newVersions(input: PublishedInput, event: EventContract): Finding[] {
  const old = input.published?.events.find((e) => e.name === event.name);
  const history: VersionedSchema[] = old ? eventVersions(old) : [];
  const published = new Set(history.map((v) => v.version));
  const level = input.level ?? event.compatibility;
  const findings: Finding[] = [];
  for (const v of eventVersions(event)) {
    if (published.has(v.version!)) continue;
    findings.push(...checkNewVersion(v, history, level, event.name));
    history.push(v);
  }
  return findings;
}

export function checkAgainstPublished(input: PublishedInput): Report {
  const findings = [
    ...(input.published?.events.flatMap((e) => immutability(input, e)) ?? []),
    ...input.current.events.flatMap((e) => newVersions(input, e)),
  ];
  const names = new Set([
    ...(input.published?.events.map((e) => e.name) ?? []),
    ...input.current.events.map((e) => e.name),
  ]);
  return { tool: 'check', noun: 'event', checked: [...names].sort(), findings };
}
