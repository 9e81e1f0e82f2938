/**
 * `eventc register`: brings the registry in line with the contract. For each subject, in
 * name order: set its compatibility level (before the first registration where the
 * registry allows it; Apicurio refuses `PUT /config/{subject}` until the subject exists, so
 * then right after it), then register the missing versions in version order. A version the
 * registry refuses stops that subject; the others go on, and the run fails at the end.
 * Idempotent: what is registered already is found by lookup and left alone.
 */
import type { Contract } from '../model/contract.js';
import { RegistryError } from '../../runtime/errors.js';
import { explainRejection } from './explain.js';
import type { RegistryClient } from './client.js';
import { countPlan, makePlan } from './plan.js';
import type { Plan, PlannedVersion, SubjectPlan } from './plan.js';
import { contractSubjects } from './subjects.js';
import type { SubjectSpec } from './subjects.js';

export interface Rejection {
  subject: string;
  event: string;
  version: number;
  file: string;
  /** What the registry said (redacted). */
  reason: string;
  /** Our own explanation: findings of the compatibility engine. */
  explanation: string[];
  /** Versions of the subject left unregistered because of this one. */
  skipped: number[];
}

export interface RegisterResult {
  /** The plan as read before any change. */
  plan: Plan;
  /** The plan after the run: `registered` set on each version the registry now holds. */
  final: Plan;
  registered: number;
  unchanged: number;
  levelsSet: number;
  rejections: Rejection[];
}

export interface RegisterOptions {
  dryRun?: boolean;
  /** Progress lines for people. */
  log?: (line: string) => void;
}

export async function registerContract(
  contract: Contract,
  client: RegistryClient,
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  const log = options.log ?? (() => undefined);
  const specs = contractSubjects(contract);
  const large = specs.length > 20;
  const plan = await makePlan(client, specs, (done, total) => {
    if (large && (done % 20 === 0 || done === total)) log(`checked ${done}/${total} subjects`);
  });
  const counts = countPlan(plan);
  const result: RegisterResult = {
    plan,
    final: plan,
    registered: 0,
    unchanged: counts.unchanged,
    levelsSet: 0,
    rejections: [],
  };
  if (options.dryRun) return result;
  const final: SubjectPlan[] = [];
  let index = 0;
  for (const subject of plan.subjects) {
    index += 1;
    const spec = specs.find((s) => s.subject === subject.subject)!;
    const prefix = large ? `[${index}/${plan.subjects.length}] ` : '';
    final.push(await applySubject(client, subject, spec, result, (l) => log(prefix + l)));
  }
  result.final = { subjects: final };
  return result;
}

async function applySubject(
  client: RegistryClient,
  plan: SubjectPlan,
  spec: SubjectSpec,
  result: RegisterResult,
  log: (line: string) => void,
): Promise<SubjectPlan> {
  let levelPending = plan.setLevel;
  const setLevel = async (mayBeEarly: boolean): Promise<void> => {
    try {
      await client.setSubjectLevel(plan.subject, plan.level);
    } catch (err) {
      if (mayBeEarly && err instanceof RegistryError && err.isNotFound) return;
      throw err;
    }
    levelPending = false;
    result.levelsSet += 1;
    log(`set ${plan.subject} compatibility to ${plan.level}`);
  };
  if (levelPending) await setLevel(!plan.exists);
  const versions: PlannedVersion[] = plan.versions.map((v) => ({ ...v }));
  for (const [i, v] of versions.entries()) {
    if (v.registered) continue;
    try {
      const id = await client.register(plan.subject, v.text);
      const found = await client.lookup(plan.subject, v.text);
      v.registered = { id, registryVersion: found?.version ?? 0 };
    } catch (err) {
      if (!(err instanceof RegistryError && err.isRejection)) throw err;
      const skipped = versions
        .slice(i + 1)
        .filter((s) => !s.registered)
        .map((s) => s.version);
      result.rejections.push({
        subject: plan.subject,
        event: plan.event,
        version: v.version,
        file: v.file,
        reason: err.message,
        explanation: explainRejection(spec, v.version, err.status),
        skipped,
      });
      log(`refused ${plan.subject} v${v.version} (${v.file})`);
      break;
    }
    result.registered += 1;
    log(
      `registered ${plan.subject} v${v.version} as id ${v.registered.id} (registry version ${v.registered.registryVersion})`,
    );
    if (levelPending) await setLevel(false);
  }
  return { ...plan, versions };
}

/** The closing lines: a summary, then every rejection with both explanations. */
export function summarize(result: RegisterResult): string[] {
  const lines: string[] = [];
  for (const r of result.rejections) {
    lines.push(
      `${r.subject}: the registry refused v${r.version} (${r.file}) of ${r.event}: ${r.reason}`,
    );
    for (const e of r.explanation) lines.push(`  ${e}`);
    if (r.skipped.length > 0) {
      lines.push(`  not registered after it: ${r.skipped.map((v) => `v${v}`).join(', ')}`);
    }
  }
  if (result.registered === 0 && result.levelsSet === 0 && result.rejections.length === 0) {
    lines.push(`nothing to do: ${result.unchanged} versions already registered`);
  } else {
    const refused = result.rejections.length > 0 ? `, refused ${result.rejections.length}` : '';
    lines.push(
      `registered ${result.registered}, unchanged ${result.unchanged}, levels set ${result.levelsSet}${refused}`,
    );
  }
  return lines;
}
