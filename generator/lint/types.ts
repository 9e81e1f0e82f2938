/** Lint rules over a contract: an id, one sentence of purpose, and a check. */
import type { Finding } from '../report/finding.js';
import type { NamedType, RecordType } from '../model/avro.js';
import type { Contract, EventContract, EventVersion } from '../model/contract.js';

/** A named type as lint sees it: once, with the first event version that uses it. */
export interface LintedType {
  type: NamedType;
  event: EventContract;
  version: EventVersion;
}

export interface LintContext {
  contract: Contract;
  /** Every named type of every version, each once (by its defining file and pointer). */
  types: LintedType[];
}

export interface LintRule {
  id: string;
  purpose: string;
  check(ctx: LintContext): Finding[];
}

/** A finding on a named type, or on one of its fields (`field` is the field's position). */
export function typeFinding(
  rule: string,
  t: LintedType,
  message: string,
  fix: string,
  field?: number,
): Finding {
  const base = t.type.source.pointer;
  const location = field === undefined ? base || '/' : `${base}/fields/${field}`;
  return { rule, file: t.type.source.file, location, message, fix };
}

export function records(ctx: LintContext): (LintedType & { type: RecordType })[] {
  return ctx.types.filter((t): t is LintedType & { type: RecordType } => t.type.kind === 'record');
}
