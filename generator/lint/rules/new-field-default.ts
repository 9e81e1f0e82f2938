/** NEW_FIELD_DEFAULT: a field added in a later version has a default. */
import type { Finding } from '../../report/finding.js';
import type { NamedType, RecordType } from '../../model/avro.js';
import type { LintRule } from '../types.js';

function record(named: ReadonlyMap<string, NamedType>, name: string): RecordType | undefined {
  const t = named.get(name);
  return t?.kind === 'record' ? t : undefined;
}

export const newFieldDefaultRule: LintRule = {
  id: 'NEW_FIELD_DEFAULT',
  purpose:
    'A field added in version 2 or later has a default, so the new version reads data written before it.',
  check: (ctx) => {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const event of ctx.contract.events) {
      for (let i = 1; i < event.versions.length; i++) {
        const prev = event.versions[i - 1]!;
        const cur = event.versions[i]!;
        for (const [name, type] of cur.schema.named) {
          const before = record(prev.schema.named, name);
          if (type.kind !== 'record' || !before) continue;
          const old = new Set(before.fields.map((f) => f.name));
          type.fields.forEach((f, pos) => {
            if (f.default || old.has(f.name) || f.aliases.some((a) => old.has(a))) return;
            const key = `${type.source.file}#${type.source.pointer}/fields/${pos}`;
            if (seen.has(key)) return;
            seen.add(key);
            findings.push({
              rule: 'NEW_FIELD_DEFAULT',
              file: type.source.file,
              location: `${type.source.pointer}/fields/${pos}`,
              message: `field "${f.name}" of record "${name}" is new in v${cur.version} and has no default`,
              fix: `add a default to field "${f.name}" (e.g. make it ["null", ...] with default null)`,
            });
          });
        }
      }
    }
    return findings;
  },
};
