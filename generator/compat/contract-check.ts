/**
 * `eventc check` over a whole contract: every event's versions, in order, each checked
 * against its predecessors under the event's level (or one level given for all).
 */
import type { CompatibilityLevel, Contract, EventContract } from '../model/contract.js';
import type { Report } from '../report/report.js';
import { checkHistory, type VersionedSchema } from './levels.js';

export function eventVersions(event: EventContract): VersionedSchema[] {
  return event.versions.map((v) => ({ version: v.version, file: v.file, schema: v.schema }));
}

export function checkContract(contract: Contract, level?: CompatibilityLevel): Report {
  const findings = contract.events.flatMap((event) =>
    checkHistory(eventVersions(event), level ?? event.compatibility, event.name),
  );
  return { tool: 'check', noun: 'event', checked: contract.events.map((e) => e.name), findings };
}
