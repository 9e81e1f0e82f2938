/**
 * `eventc lint`: style and evolution rules over the contract, each with an id that
 * `--disable` turns off.
 */
import type { Contract } from '../model/contract.js';
import type { Report } from '../report/report.js';
import { eventDocRule, fieldDocRule } from './rules/docs.js';
import { enumDefaultRule } from './rules/enum-default.js';
import { namespaceRule } from './rules/namespace.js';
import { enumSymbolRule, fieldNameRule, typeNameRule } from './rules/naming.js';
import { newFieldDefaultRule } from './rules/new-field-default.js';
import { unionDefaultRule } from './rules/union-default.js';
import type { LintContext, LintedType, LintRule } from './types.js';

export type { LintRule } from './types.js';

export const lintRules: readonly LintRule[] = [
  eventDocRule,
  fieldDocRule,
  newFieldDefaultRule,
  namespaceRule,
  enumDefaultRule,
  unionDefaultRule,
  typeNameRule,
  fieldNameRule,
  enumSymbolRule,
];

function lintedTypes(contract: Contract): LintedType[] {
  const seen = new Set<string>();
  const out: LintedType[] = [];
  for (const event of contract.events) {
    for (const version of event.versions) {
      for (const type of version.schema.named.values()) {
        const key = `${type.source.file}#${type.source.pointer}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ type, event, version });
      }
    }
  }
  return out;
}

/** Runs every rule not in `disabled`; findings sorted by file and location. */
export function lintContract(contract: Contract, disabled: readonly string[] = []): Report {
  const ctx: LintContext = { contract, types: lintedTypes(contract) };
  const findings = lintRules
    .filter((r) => !disabled.includes(r.id))
    .flatMap((r) => r.check(ctx))
    .sort((a, b) =>
      (a.file ?? '') !== (b.file ?? '')
        ? (a.file ?? '') < (b.file ?? '')
          ? -1
          : 1
        : a.location < b.location
          ? -1
          : a.location > b.location
            ? 1
            : 0,
    );
  const files = [...new Set(lintedTypes(contract).map((t) => t.type.source.file))].sort();
  return { tool: 'lint', noun: 'file', checked: files, findings };
}
