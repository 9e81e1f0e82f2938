/**
 * Unique names for topics, consumer groups, subjects and database tables, so tests never
 * share state on the long-lived stack: `<prefix>-<base36 time>-<random>`, valid as Kafka topic
 * names (letters, digits, `.`, `_`, `-`) and as registry subjects.
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

/** A table or schema name: `uniqueName` in lowercase with `_` for anything else, valid unquoted in SQL. */
export function uniqueSqlName(prefix: string): string {
  return uniqueName(prefix)
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase();
}
