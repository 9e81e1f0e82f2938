/**
 * Our own explanation of a version the registry refused: the compatibility engine run on
 * the same versions under the same level, naming the field and the rule. Registries differ
 * in what they say (Apicurio says nothing useful), so this is what people act on.
 */
import { checkNewVersion } from '../compat/levels.js';
import type { SubjectSpec } from './subjects.js';

export function explainRejection(spec: SubjectSpec, version: number, status?: number): string[] {
  if (status === 422) {
    return [
      `the registry could not accept the schema text of v${version} (HTTP 422: invalid schema)`,
    ];
  }
  const index = spec.versions.findIndex((v) => v.version === version);
  const candidate = spec.versions[index];
  if (!candidate) return [];
  const older = spec.versions
    .slice(0, index)
    .map((v) => ({ version: v.version, file: v.file, schema: v.schema }));
  const findings = checkNewVersion(
    { version: candidate.version, file: candidate.file, schema: candidate.schema },
    older,
    spec.level,
    spec.subject,
  );
  if (findings.length === 0) {
    return [
      `eventc finds v${version} compatible with the earlier versions in this project under ${spec.level}; ` +
        `the registry may hold versions this project does not have, or another level ` +
        `(see 'eventc check --registry')`,
    ];
  }
  return findings.map((f) => {
    const where = f.file ? `${f.file}:${f.path ?? f.location}` : (f.path ?? f.location);
    return `${where}: ${f.message} [${f.rule}]${f.fix ? `; fix: ${f.fix}` : ''}`;
  });
}
