/**
 * `eventc topics`, as a function the CLI and `eventc up` share: the topics the contract
 * needs, what the cluster has, the plan, and (unless a dry run, or something is refused)
 * carrying it out. Idempotent: a second run finds every topic up to date.
 */
import type { Admin, KafkaConfig } from 'kafkajs';
import type { Contract } from '../model/contract.js';
import { desiredTopics, type TopicSpec } from './desired.js';
import { applyPlan, observeCluster, topicsAdmin, TopicsError } from './kafka.js';
import { describeTopicAction, planTopics, type TopicPlan } from './plan.js';

export { desiredTopics, topicConfigs, type TopicSpec } from './desired.js';
export { planTopics, describeTopicAction, type TopicPlan, type ObservedTopic } from './plan.js';
export { TopicsError } from './kafka.js';

export interface SyncOptions {
  brokers: string[];
  /** TLS and SASL, as the services connect. */
  kafka?: Partial<KafkaConfig>;
  dryRun: boolean;
  /** Whether topics already as the contract says get an `ok` line. Default true. */
  showUpToDate?: boolean;
  /** Receives one line per topic, then a summary. */
  log: (line: string) => void;
}

function summary(plan: TopicPlan, dryRun: boolean): string {
  const n = (kind: string): number => plan.actions.filter((a) => a.kind === kind).length;
  if (plan.refused) return `topics: ${n('refuse')} change(s) refused; nothing was changed`;
  if (!plan.changes) {
    return `topics: ${new Set(plan.actions.map((a) => a.spec.topic)).size} topics, all up to date`;
  }
  const [c, e, a] = dryRun
    ? ['to create', 'to extend', 'to alter']
    : ['created', 'extended', 'altered'];
  const text = `${n('create')} ${c}, ${n('add-partitions')} ${e}, ${n('alter-configs')} ${a}, ${n('ok')} up to date`;
  return dryRun ? `topics (dry run, nothing changed): ${text}` : `topics: ${text}`;
}

/** How long the cluster may take to show a change it accepted. */
const APPLY_WAIT_MS = 15_000;

/**
 * Waits until the cluster shows every accepted change. A KRaft broker answers
 * DescribeConfigs and Metadata from its own copy of the cluster metadata, which takes the
 * controller's records a moment later, so a read straight after a change may miss it; a
 * run that returned then would leave the next run (or a service starting) planning the
 * same change again on the old values.
 */
async function awaitApplied(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const deadline = Date.now() + APPLY_WAIT_MS;
  for (;;) {
    const cluster = await observeCluster(
      admin,
      specs.map((s) => s.topic),
    );
    const pending = planTopics(specs, cluster.topics, cluster.brokers).actions.filter(
      (a) => a.kind !== 'ok',
    );
    if (pending.length === 0) return;
    if (Date.now() >= deadline) {
      throw new TopicsError(
        `the brokers accepted the changes, but after ${APPLY_WAIT_MS / 1000} s still show:\n${pending.map((a) => `  ${describeTopicAction(a)}`).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function syncTopics(contract: Contract, options: SyncOptions): Promise<TopicPlan> {
  const specs = desiredTopics(contract);
  const admin = topicsAdmin(options.brokers, options.kafka);
  const where = options.brokers.join(',');
  try {
    await admin.connect();
  } catch (err) {
    throw new TopicsError(
      `cannot reach the Kafka brokers ${where} (EVENTC_BROKERS): ${(err as Error).message}`,
      { cause: err },
    );
  }
  try {
    const cluster = await observeCluster(
      admin,
      specs.map((s) => s.topic),
    );
    const plan = planTopics(specs, cluster.topics, cluster.brokers);
    for (const action of plan.actions) {
      if (action.kind !== 'ok' || options.showUpToDate !== false) {
        options.log(describeTopicAction(action));
      }
    }
    if (!options.dryRun && !plan.refused && plan.changes) {
      await applyPlan(admin, plan);
      await awaitApplied(admin, specs);
    }
    options.log(summary(plan, options.dryRun));
    if (plan.refused) {
      throw new TopicsError(
        `${where}: ${plan.actions.filter((a) => a.kind === 'refuse').length} topic change(s) refused (see "refuse" above); nothing was changed`,
      );
    }
    return plan;
  } catch (err) {
    if (err instanceof TopicsError) throw err;
    throw new TopicsError(`topics on ${where}: ${(err as Error).message}`, { cause: err });
  } finally {
    await admin.disconnect();
  }
}
