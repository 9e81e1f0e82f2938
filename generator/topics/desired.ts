/**
 * The topics a contract needs: every event's topic, and the dead-letter topic of every topic
 * a service consumes (where its consumers park poison events). Pure, sorted by name.
 */
import { deadLetterTopic } from '../../runtime/consumer/dlq.js';
import { topicSettings } from '../load/topics.js';
import type { Contract, TopicSettings } from '../model/contract.js';

export interface TopicSpec {
  topic: string;
  /** What the topic carries, for the plan's lines: event names, or `dead letters of X`. */
  carries: string;
  settings: TopicSettings;
}

/** Kafka topic configuration names of the settings, with their values as Kafka prints them. */
export function topicConfigs(s: TopicSettings): Record<string, string> {
  const configs: Record<string, string> = {};
  if (s.retentionMs !== undefined) configs['retention.ms'] = String(s.retentionMs);
  if (s.cleanupPolicy !== undefined) configs['cleanup.policy'] = s.cleanupPolicy.join(',');
  if (s.minInSyncReplicas !== undefined) {
    configs['min.insync.replicas'] = String(s.minInSyncReplicas);
  }
  return configs;
}

export function desiredTopics(
  contract: Pick<Contract, 'events' | 'services' | 'topics'>,
): TopicSpec[] {
  const events = new Map<string, string[]>();
  for (const e of contract.events) events.set(e.topic, [...(events.get(e.topic) ?? []), e.name]);
  const topicOf = new Map(contract.events.map((e) => [e.name, e.topic]));
  const consumed = new Set(
    contract.services.flatMap((s) => s.consumes.flatMap((u) => topicOf.get(u.event) ?? [])),
  );
  const specs: TopicSpec[] = [...events].map(([topic, names]) => ({
    topic,
    carries: names.sort().join(', '),
    settings: topicSettings(contract.topics, topic),
  }));
  for (const topic of consumed) {
    const dlq = deadLetterTopic(topic);
    if (events.has(dlq)) continue;
    specs.push({
      topic: dlq,
      carries: `dead letters of ${topic}`,
      settings: topicSettings(contract.topics, dlq),
    });
  }
  return specs.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}
