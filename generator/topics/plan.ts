/**
 * What `eventc topics` would do: compares the topics the contract needs with what the
 * cluster has and plans creations, added partitions and changed configs. A change Kafka
 * cannot make safely is refused with the reason, never made: fewer partitions (Kafka cannot
 * remove any, and keyed events would move), another replication factor (a reassignment),
 * a replication factor above the number of brokers. Pure.
 */
import { topicConfigs, type TopicSpec } from './desired.js';

/** A topic as the cluster has it. */
export interface ObservedTopic {
  partitions: number;
  replicationFactor: number;
  /** Configs set on the topic itself (not broker defaults), by name. */
  overrides: Record<string, string>;
  /** Effective value of every config the contract may set, by name. */
  effective: Record<string, string>;
}

export interface ConfigChange {
  name: string;
  from: string | undefined;
  to: string;
}

export type TopicAction =
  | { kind: 'create'; spec: TopicSpec }
  | { kind: 'add-partitions'; spec: TopicSpec; from: number; to: number }
  | {
      kind: 'alter-configs';
      spec: TopicSpec;
      changes: ConfigChange[];
      keep: Record<string, string>;
    }
  | { kind: 'refuse'; spec: TopicSpec; reason: string }
  | { kind: 'ok'; spec: TopicSpec };

export interface TopicPlan {
  actions: TopicAction[];
  /** True when something would change and nothing is refused. */
  changes: boolean;
  refused: boolean;
}

/** `compact,delete` and `delete,compact` are the same policy. */
function sameValue(name: string, a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (name !== 'cleanup.policy') return a === b;
  const norm = (v: string): string =>
    v
      .split(',')
      .map((p) => p.trim())
      .sort()
      .join(',');
  return norm(a) === norm(b);
}

function planOne(
  spec: TopicSpec,
  observed: ObservedTopic | undefined,
  brokers: number,
): TopicAction[] {
  const s = spec.settings;
  if (s.replicationFactor !== undefined && s.replicationFactor > brokers) {
    return [
      {
        kind: 'refuse',
        spec,
        reason: `replication factor ${s.replicationFactor} needs ${s.replicationFactor} brokers, and the cluster has ${brokers}`,
      },
    ];
  }
  if (!observed) return [{ kind: 'create', spec }];
  const actions: TopicAction[] = [];
  if (s.partitions !== undefined && s.partitions < observed.partitions) {
    actions.push({
      kind: 'refuse',
      spec,
      reason: `it has ${observed.partitions} partitions and the contract says ${s.partitions}: Kafka cannot remove partitions, and events with a key would change partition. Raise partitions to ${observed.partitions} in eventc.yaml, or recreate the topic by hand (its events are lost)`,
    });
  }
  if (s.replicationFactor !== undefined && s.replicationFactor !== observed.replicationFactor) {
    actions.push({
      kind: 'refuse',
      spec,
      reason: `its replication factor is ${observed.replicationFactor} and the contract says ${s.replicationFactor}: that is a partition reassignment (kafka-reassign-partitions), which eventc does not do`,
    });
  }
  if (s.partitions !== undefined && s.partitions > observed.partitions) {
    actions.push({ kind: 'add-partitions', spec, from: observed.partitions, to: s.partitions });
  }
  const changes = Object.entries(topicConfigs(s))
    .filter(([name, to]) => !sameValue(name, observed.effective[name], to))
    .map(([name, to]) => ({ name, from: observed.effective[name], to }));
  if (changes.length > 0) {
    actions.push({ kind: 'alter-configs', spec, changes, keep: observed.overrides });
  }
  return actions.length > 0 ? actions : [{ kind: 'ok', spec }];
}

export function planTopics(
  specs: readonly TopicSpec[],
  observed: ReadonlyMap<string, ObservedTopic>,
  brokers: number,
): TopicPlan {
  const actions = specs.flatMap((spec) => planOne(spec, observed.get(spec.topic), brokers));
  const refused = actions.some((a) => a.kind === 'refuse');
  const changes = actions.some((a) => a.kind !== 'ok' && a.kind !== 'refuse');
  return { actions, changes, refused };
}

function settingsText(spec: TopicSpec): string {
  const s = spec.settings;
  const parts = [
    s.partitions === undefined ? "the broker's default partitions" : `${s.partitions} partitions`,
    s.replicationFactor === undefined
      ? "the broker's default replication factor"
      : `replication factor ${s.replicationFactor}`,
    ...Object.entries(topicConfigs(s)).map(([k, v]) => `${k}=${v}`),
  ];
  return parts.join(', ');
}

/** One line per action, as `eventc topics` prints it. */
export function describeTopicAction(a: TopicAction): string {
  const t = a.spec.topic;
  switch (a.kind) {
    case 'create':
      return `create   ${t} (${a.spec.carries}): ${settingsText(a.spec)}`;
    case 'add-partitions':
      return `extend   ${t}: partitions ${a.from} -> ${a.to} (new partitions only get new events)`;
    case 'alter-configs':
      return `alter    ${t}: ${a.changes.map((c) => `${c.name} ${c.from ?? '(unset)'} -> ${c.to}`).join(', ')}`;
    case 'refuse':
      return `refuse   ${t}: ${a.reason}`;
    default:
      return `ok       ${t}`;
  }
}
