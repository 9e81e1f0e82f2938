/**
 * Dead-letter topics: an event that cannot be handled is parked with its original value
 * bytes, key and headers, plus `eventc-dlq-*` headers saying why, how often it was tried and
 * where it came from.
 */
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { DLQ_HEADER } from '../envelope/headers.js';

export interface DeadLetter {
  /** Topic, partition and offset the message was consumed from. */
  topic: string;
  partition: number;
  message: KafkaMessage;
  /** A poison reason, or `handler-failed`. */
  reason: string;
  error: unknown;
  attempts: number;
  groupId: string;
}

/** Dead-letter topic of `topic`: `dlqTopic` when it is a string or function, else `<topic>.dlq`. */
export function deadLetterTopic(
  topic: string,
  dlqTopic?: string | ((topic: string) => string),
): string {
  if (typeof dlqTopic === 'function') return dlqTopic(topic);
  return dlqTopic ?? `${topic}.dlq`;
}

/** The message to write to the dead-letter topic. */
export function deadLetterMessage(d: DeadLetter, now: Date = new Date()): Message {
  const headers: IHeaders = { ...d.message.headers };
  const err = d.error;
  headers[DLQ_HEADER.reason] = d.reason;
  headers[DLQ_HEADER.error] = truncate(err instanceof Error ? err.message : String(err), 8192);
  headers[DLQ_HEADER.errorName] = err instanceof Error ? err.name : typeof err;
  headers[DLQ_HEADER.attempts] = String(d.attempts);
  headers[DLQ_HEADER.sourceTopic] = d.topic;
  headers[DLQ_HEADER.sourcePartition] = String(d.partition);
  headers[DLQ_HEADER.sourceOffset] = d.message.offset;
  headers[DLQ_HEADER.consumerGroup] = d.groupId;
  headers[DLQ_HEADER.time] = now.toISOString();
  return { key: d.message.key, value: d.message.value, headers };
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
