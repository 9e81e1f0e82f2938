/**
 * `topicDefaults` and `topics` in `eventc.yaml`: how each topic of the contract is created
 * and kept (partitions, replication factor, retention, cleanup policy, min in-sync
 * replicas). A `topics` entry must name a topic of an event or its dead-letter topic.
 */
import { deadLetterTopic } from '../../runtime/consumer/dlq.js';
import type { TopicSettings, TopicsConfig } from '../model/contract.js';
import type { ManifestChecker, YamlObject } from './manifest-check.js';
import { didYouMean } from './names.js';
import type { KeyPath } from './yaml-source.js';

const SETTING_KEYS = [
  'partitions',
  'replicationFactor',
  'retention',
  'cleanupPolicy',
  'minInSyncReplicas',
] as const;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(\d+)(ms|s|m|h|d|w)$/;
const RETENTION_RULE =
  'a duration such as 7d, 12h, 30m, 90s or 500ms (units ms, s, m, h, d, w), a number of milliseconds, or "forever"';

/** Kafka caps partitions per topic far above this; more is almost surely a typo. */
const MAX_PARTITIONS = 10_000;

function retention(c: ManifestChecker, value: unknown, path: KeyPath): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'forever' || value === -1) return -1;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  const m = typeof value === 'string' ? DURATION.exec(value) : null;
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
  if (ms !== undefined && ms > 0 && Number.isSafeInteger(ms)) return ms;
  c.report(path, `${JSON.stringify(value)} is not a retention: ${RETENTION_RULE}`);
  return undefined;
}

function cleanupPolicy(
  c: ManifestChecker,
  value: unknown,
  path: KeyPath,
): TopicSettings['cleanupPolicy'] {
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;
  if (!Array.isArray(items) || items.length === 0) {
    c.report(path, `expected delete, compact or [compact, delete], got ${JSON.stringify(value)}`);
    return undefined;
  }
  const policies = new Set<'compact' | 'delete'>();
  for (const item of items) {
    const p = c.oneOf(item, path, ['delete', 'compact'] as const);
    if (p === undefined) return undefined;
    policies.add(p);
  }
  return [...policies].sort();
}

function readSettings(c: ManifestChecker, value: unknown, path: KeyPath): TopicSettings {
  const obj = c.object(value, path, SETTING_KEYS);
  if (!obj) return {};
  const settings: TopicSettings = {};
  const partitions = c.positiveInt(obj.partitions, [...path, 'partitions']);
  if (partitions !== undefined && partitions > MAX_PARTITIONS) {
    c.report([...path, 'partitions'], `${partitions} partitions is more than ${MAX_PARTITIONS}`);
  } else if (partitions !== undefined) settings.partitions = partitions;
  const rf = c.positiveInt(obj.replicationFactor, [...path, 'replicationFactor']);
  if (rf !== undefined) settings.replicationFactor = rf;
  const ms = retention(c, obj.retention, [...path, 'retention']);
  if (ms !== undefined) settings.retentionMs = ms;
  const policy = cleanupPolicy(c, obj.cleanupPolicy, [...path, 'cleanupPolicy']);
  if (policy) settings.cleanupPolicy = policy;
  const isr = c.positiveInt(obj.minInSyncReplicas, [...path, 'minInSyncReplicas']);
  if (isr !== undefined) settings.minInSyncReplicas = isr;
  return settings;
}

/** The settings a topic ends up with: its own entry over the defaults. */
export function topicSettings(config: TopicsConfig, topic: string): TopicSettings {
  return { ...config.defaults, ...config.byTopic[topic] };
}

/** Reports `minInSyncReplicas` above `replicationFactor`, where `own` sets either. */
function checkInSync(
  c: ManifestChecker,
  merged: TopicSettings,
  own: TopicSettings,
  path: KeyPath,
): void {
  if (own.minInSyncReplicas === undefined && own.replicationFactor === undefined) return;
  const { minInSyncReplicas: isr, replicationFactor: rf } = merged;
  if (isr !== undefined && rf !== undefined && isr > rf) {
    c.report(
      path,
      `minInSyncReplicas ${isr} is more than the replicationFactor ${rf}, so no write with acks=all could ever succeed`,
    );
  }
}

/**
 * Reads both keys; `topics` names must be among `topics` (the events' topics) or their
 * dead-letter topics.
 */
export function readTopics(
  c: ManifestChecker,
  defaults: unknown,
  byTopic: unknown,
  topics: readonly string[],
): TopicsConfig {
  const config: TopicsConfig = {
    defaults:
      defaults === undefined || defaults === null
        ? {}
        : readSettings(c, defaults, ['topicDefaults']),
    byTopic: {},
  };
  const known = [...topics, ...topics.map((t) => deadLetterTopic(t))];
  if (byTopic !== undefined && byTopic !== null) {
    const obj: YamlObject = c.object(byTopic, ['topics'], Object.keys(byTopic as object)) ?? {};
    for (const [topic, value] of Object.entries(obj)) {
      const path = ['topics', topic];
      if (!known.includes(topic)) {
        const hint = didYouMean(topic, known) || ` Topics: ${known.join(', ')}.`;
        c.report(
          path,
          `no event uses topic ${JSON.stringify(topic)}, and it is not the dead-letter topic of one.${hint}`,
          true,
        );
        continue;
      }
      config.byTopic[topic] = readSettings(c, value, path);
    }
  }
  checkInSync(c, config.defaults, config.defaults, ['topicDefaults']);
  for (const [topic, own] of Object.entries(config.byTopic)) {
    checkInSync(c, topicSettings(config, topic), own, ['topics', topic]);
  }
  return config;
}
