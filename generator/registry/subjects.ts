/**
 * Which subjects a contract has in the registry, and which versions go under each: for every
 * event its value schema versions, and its key schema where the manifest gives one. Pure:
 * contract in, subjects sorted by name out.
 */
import { createHash } from 'node:crypto';
import type { SchemaSet } from '../model/avro.js';
import type { CompatibilityLevel, Contract } from '../model/contract.js';
import { EventcError } from '../errors.js';
import { registrationText } from '../model/schema-text.js';
import { subjectName } from '../model/subject.js';
import type { SubjectRole } from '../model/subject.js';

export interface SubjectVersion {
  /** The event's version (`v<N>.avsc`); 1 for a key schema. */
  version: number;
  file: string;
  schema: SchemaSet;
  /** The text registered (see `registrationText`). */
  text: string;
  /** SHA-256 (hex) of the Parsing Canonical Form. */
  fingerprint: string;
}

export interface SubjectSpec {
  subject: string;
  event: string;
  role: SubjectRole;
  level: CompatibilityLevel;
  /** In version order. */
  versions: SubjectVersion[];
}

export function fingerprint(schema: SchemaSet): string {
  return createHash('sha256').update(schema.canonical, 'utf8').digest('hex');
}

function version(v: number, file: string, schema: SchemaSet): SubjectVersion {
  return {
    version: v,
    file,
    schema,
    text: registrationText(schema),
    fingerprint: fingerprint(schema),
  };
}

/** Every subject of the contract, sorted by subject name. */
export function contractSubjects(contract: Contract): SubjectSpec[] {
  const strategy = contract.registry.subjectNameStrategy;
  const bySubject = new Map<string, SubjectSpec>();
  const add = (
    event: string,
    role: SubjectRole,
    level: CompatibilityLevel,
    v: SubjectVersion,
  ): void => {
    const subject = subjectName(strategy, topicOf(contract, event), role, v.schema);
    let spec = bySubject.get(subject);
    if (!spec) {
      spec = { subject, event, role, level, versions: [] };
      bySubject.set(subject, spec);
    } else if (spec.event !== event || spec.role !== role) {
      throw new EventcError(
        `${spec.event} (${spec.role}) and ${event} (${role}) both map to registry subject "${subject}" under ${strategy}; give them different topics or record names`,
      );
    }
    spec.versions.push(v);
  };
  for (const event of contract.events) {
    for (const v of event.versions)
      add(event.name, 'value', event.compatibility, version(v.version, v.file, v.schema));
    if (event.key && 'schema' in event.key) {
      add(event.name, 'key', event.compatibility, version(1, event.key.file, event.key.schema));
    }
  }
  return [...bySubject.values()].sort((a, b) =>
    a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0,
  );
}

function topicOf(contract: Contract, event: string): string {
  return contract.events.find((e) => e.name === event)?.topic ?? '';
}
