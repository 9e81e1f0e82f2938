/**
 * The broker side of `eventc topics`: reads what the cluster has (partitions, replication
 * factor, topic configs) and carries out a plan with the Kafka admin API. Only this module
 * and the CLI talk to the broker; planning is pure (`plan.ts`).
 */
import { Kafka, logLevel, type Admin, type ConfigResourceTypes, type KafkaConfig } from 'kafkajs';
import { EventcError } from '../errors.js';
import { topicConfigs, type TopicSpec } from './desired.js';
import type { ObservedTopic, TopicAction, TopicPlan } from './plan.js';

/** Kafka's `ConfigSource.TOPIC_CONFIG`: a value set on the topic itself. */
const TOPIC_CONFIG = 1;
/**
 * Kafka's config resource type of a topic (kafkajs' `ConfigResourceTypes.TOPIC`, an enum
 * that its CommonJS module does not offer as a named ES export).
 */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** The broker could not be reached or refused a change. Exit status 1. */
export class TopicsError extends EventcError {
  override name = 'TopicsError';
  override readonly exitCode: number = 1;
}

export interface Cluster {
  brokers: number;
  topics: Map<string, ObservedTopic>;
}

/** An admin client for `brokers`, quiet (its errors come back as exceptions), retrying briefly. */
export function topicsAdmin(brokers: string[], extra: Partial<KafkaConfig> = {}): Admin {
  return new Kafka({
    clientId: 'eventc-topics',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries: 5, initialRetryTime: 300 },
    ...extra,
    brokers,
  }).admin();
}

/** What the cluster has of `names` (absent topics are left out) and how many brokers it has. */
export async function observeCluster(admin: Admin, names: string[]): Promise<Cluster> {
  const [cluster, existing] = await Promise.all([admin.describeCluster(), admin.listTopics()]);
  const present = names.filter((n) => existing.includes(n));
  const topics = new Map<string, ObservedTopic>();
  if (present.length === 0) return { brokers: cluster.brokers.length, topics };
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: present }),
    admin.describeConfigs({
      resources: present.map((name) => ({ type: TOPIC_RESOURCE, name })),
      includeSynonyms: false,
    }),
  ]);
  for (const t of metadata.topics) {
    const entries = configs.resources.find((r) => r.resourceName === t.name)?.configEntries ?? [];
    const overrides: Record<string, string> = {};
    const effective: Record<string, string> = {};
    for (const e of entries) {
      effective[e.configName] = e.configValue;
      if (e.configSource === TOPIC_CONFIG && !e.readOnly) overrides[e.configName] = e.configValue;
    }
    topics.set(t.name, {
      partitions: t.partitions.length,
      replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
      overrides,
      effective,
    });
  }
  return { brokers: cluster.brokers.length, topics };
}

function isAlreadyThere(err: unknown): boolean {
  const e = err as { type?: string; errors?: unknown[] };
  if (e.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isAlreadyThere);
}

async function create(admin: Admin, specs: TopicSpec[]): Promise<void> {
  if (specs.length === 0) return;
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: specs.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.settings.partitions ?? -1,
        replicationFactor: spec.settings.replicationFactor ?? -1,
        configEntries: Object.entries(topicConfigs(spec.settings)).map(([name, value]) => ({
          name,
          value,
        })),
      })),
    });
  } catch (err) {
    // Another process (a service starting, a second `eventc topics`) created it meanwhile.
    if (!isAlreadyThere(err)) throw err;
  }
}

/**
 * Carries out a plan that refuses nothing: creations, then added partitions, then configs.
 * Kafka's AlterConfigs replaces a topic's whole set of overrides, so the ones the contract
 * does not name are sent again, unchanged.
 */
export async function applyPlan(admin: Admin, plan: TopicPlan): Promise<void> {
  if (plan.refused) throw new TopicsError('a plan with refused changes is not applied');
  const of = <K extends TopicAction['kind']>(kind: K) =>
    plan.actions.filter((a): a is Extract<TopicAction, { kind: K }> => a.kind === kind);
  await create(
    admin,
    of('create').map((a) => a.spec),
  );
  const extend = of('add-partitions');
  if (extend.length > 0) {
    await admin.createPartitions({
      topicPartitions: extend.map((a) => ({ topic: a.spec.topic, count: a.to })),
    });
  }
  const alter = of('alter-configs');
  if (alter.length > 0) {
    await admin.alterConfigs({
      validateOnly: false,
      resources: alter.map((a) => {
        const values = { ...a.keep };
        for (const c of a.changes) values[c.name] = c.to;
        return {
          type: TOPIC_RESOURCE,
          name: a.spec.topic,
          configEntries: Object.entries(values).map(([name, value]) => ({ name, value })),
        };
      }),
    });
  }
}
