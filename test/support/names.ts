/**
 * Unique names for topics, consumer groups and subjects, so tests never share state on
 * the long-lived stack: `<prefix>-<base36 time>-<random>`, valid as Kafka topic names
 * (letters, digits, `.`, `_`, `-`) and as registry subjects.
 */
import { randomBytes } from 'node:crypto';

export function uniqueName(prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9._-]/g, '-');
  return `${safe}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function uniqueTopic(prefix = 'topic'): string {
  return uniqueName(`t-${prefix}`);
}

export function uniqueGroup(prefix = 'group'): string {
  return uniqueName(`g-${prefix}`);
}

/** A subject; pass `topic` for the TopicNameStrategy form `<topic>-value`. */
export function uniqueSubject(prefix = 'subject', topic?: string): string {
  return topic === undefined ? uniqueName(`s-${prefix}`) : `${topic}-value`;
}
