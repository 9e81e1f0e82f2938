/**
 * The registration plan: the contract's subjects compared with what the registry holds now.
 * For each subject: whether it exists, the level it has and the level to set, and for each
 * version whether it is registered already (looked up by schema) and under which id.
 */
import type { CompatibilityLevel } from '../model/contract.js';
import type { RegistryClient } from './client.js';
import type { SubjectSpec, SubjectVersion } from './subjects.js';

export interface PlannedVersion extends SubjectVersion {
  /** Set when the registry has this schema under the subject already. */
  registered?: { id: number; registryVersion: number };
}

export interface SubjectPlan extends Omit<SubjectSpec, 'versions'> {
  /** The registry has at least one version under the subject. */
  exists: boolean;
  /** The level the registry reports now (Apicurio reports the global level), if any. */
  currentLevel?: CompatibilityLevel;
  setLevel: boolean;
  versions: PlannedVersion[];
}

export interface Plan {
  subjects: SubjectPlan[];
}

export interface PlanCounts {
  toRegister: number;
  unchanged: number;
  levels: number;
  newSubjects: number;
}

/** Reads the registry state of every subject, a few subjects at a time. */
export async function makePlan(
  client: RegistryClient,
  specs: readonly SubjectSpec[],
  progress?: (done: number, total: number) => void,
): Promise<Plan> {
  const subjects: SubjectPlan[] = new Array<SubjectPlan>(specs.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < specs.length; i = next++) {
      subjects[i] = await planSubject(client, specs[i]!);
      progress?.(++done, specs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, specs.length) }, worker));
  return { subjects };
}

async function planSubject(client: RegistryClient, spec: SubjectSpec): Promise<SubjectPlan> {
  const existing = await client.versions(spec.subject);
  const currentLevel = await client.subjectLevel(spec.subject);
  const versions: PlannedVersion[] = [];
  for (const v of spec.versions) {
    const found = existing.length > 0 ? await client.lookup(spec.subject, v.text) : undefined;
    versions.push(
      found ? { ...v, registered: { id: found.id, registryVersion: found.version } } : { ...v },
    );
  }
  const plan: SubjectPlan = {
    subject: spec.subject,
    event: spec.event,
    role: spec.role,
    level: spec.level,
    exists: existing.length > 0,
    // A new subject always gets its level explicitly: Apicurio reports the global level for
    // subjects it does not know, which may equal the wanted one without being set.
    setLevel: existing.length === 0 || currentLevel !== spec.level,
    versions,
  };
  if (currentLevel !== undefined) plan.currentLevel = currentLevel;
  return plan;
}

export function countPlan(plan: Plan): PlanCounts {
  const counts: PlanCounts = { toRegister: 0, unchanged: 0, levels: 0, newSubjects: 0 };
  for (const s of plan.subjects) {
    if (s.setLevel) counts.levels += 1;
    if (!s.exists) counts.newSubjects += 1;
    for (const v of s.versions) {
      if (v.registered) counts.unchanged += 1;
      else counts.toRegister += 1;
    }
  }
  return counts;
}

/** The plan as lines for people, only subjects with something to do. */
export function describePlan(plan: Plan, registryUrl: string): string[] {
  const lines: string[] = [];
  for (const s of plan.subjects) {
    const todo = s.versions.filter((v) => !v.registered).map((v) => `v${v.version}`);
    if (todo.length === 0 && !s.setLevel) continue;
    const parts: string[] = [];
    if (!s.exists) parts.push('create subject');
    if (s.setLevel)
      parts.push(`set level ${s.level}${s.currentLevel ? ` (now ${s.currentLevel})` : ''}`);
    if (todo.length > 0) parts.push(`add ${todo.join(', ')}`);
    lines.push(`  ${s.subject} (${s.event} ${s.role}): ${parts.join('; ')}`);
  }
  const c = countPlan(plan);
  if (lines.length === 0)
    return [`nothing to do: ${c.unchanged} versions already registered at ${registryUrl}`];
  return [
    `plan for ${registryUrl}:`,
    ...lines,
    `would register ${c.toRegister}, unchanged ${c.unchanged}, levels to set ${c.levels}`,
  ];
}
