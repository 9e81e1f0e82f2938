/**
 * Handling one consumed message: decode, skip duplicates, run the handler with retries, park
 * what cannot be handled on the dead-letter topic. Infrastructure that is away (registry,
 * idempotency store, broker for the dead-letter write) is waited for, never skipped: the
 * outcome is then `aborted` only when the consumer stops, and the offset stays uncommitted.
 */
import type { KafkaMessage } from 'kafkajs';
import type { Decoded, Decoder } from './decoder.js';
import { deadLetterMessage } from './dlq.js';
import { PoisonMessageError, errorMessage, isRetriable } from './errors.js';
import type { IdempotencyStore } from './idempotency.js';
import type { Logger, LogFields } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';
import { retryDelay, sleep, type RetryPolicy } from './retry.js';
import type { Sender } from './sender.js';

export type Outcome = 'handled' | 'duplicate' | 'dead-lettered' | 'aborted';

export interface ProcessorDeps {
  groupId: string;
  decoder: Decoder;
  store: IdempotencyStore | null;
  retry: RetryPolicy;
  /** Back-off of infrastructure waits (registry, store, dead-letter writes). */
  infraRetry: RetryPolicy;
  deadLetterTopic(topic: string): string;
  sender(): Sender;
  metrics: RuntimeMetrics;
  logger: Logger;
  signal: AbortSignal;
}

export class Processor {
  /** Event ids being handled right now, so a duplicate in flight is not run twice. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: ProcessorDeps) {}

  async process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    const { metrics } = this.deps;
    metrics.consumed.inc({ topic });
    let decoded: Decoded | undefined;
    try {
      decoded = await this.untilAvailable('decode', () =>
        this.deps.decoder.decode(topic, partition, message),
      );
    } catch (err) {
      if (!(err instanceof PoisonMessageError)) throw err;
      return this.deadLetter(topic, partition, message, err.reason, err, 0, {
        eventType: err.eventType,
      });
    }
    if (decoded === undefined) return 'aborted';
    const { ctx } = decoded;
    const store = this.deps.store;
    const seen =
      this.inFlight.has(ctx.eventId) ||
      (store
        ? await this.untilAvailable('idempotency check', () => store.has(ctx.eventId))
        : false);
    if (seen === undefined) return 'aborted';
    if (seen) {
      metrics.duplicates.inc({ topic, event: ctx.eventType });
      this.deps.logger.debug('duplicate event skipped', fieldsOf(decoded));
      return 'duplicate';
    }
    this.inFlight.add(ctx.eventId);
    try {
      return await this.handle(decoded, message);
    } finally {
      this.inFlight.delete(ctx.eventId);
    }
  }

  private async handle(decoded: Decoded, message: KafkaMessage): Promise<Outcome> {
    const { ctx, subscription, value } = decoded;
    const { metrics, retry, logger } = this.deps;
    const labels = { topic: ctx.topic, event: ctx.eventType };
    let lastError: unknown;
    let attempt = 0;
    while (attempt < retry.attempts) {
      attempt++;
      const start = performance.now();
      try {
        await subscription.handle(value, ctx);
        metrics.handlerSeconds.observe(labels, (performance.now() - start) / 1000);
        const store = this.deps.store;
        if (
          store &&
          !(await this.untilAvailable('idempotency record', () =>
            store.add(ctx.eventId).then(() => true),
          ))
        ) {
          return 'aborted';
        }
        metrics.handled.inc(labels);
        logger.debug('event handled', { ...fieldsOf(decoded), attempt });
        return 'handled';
      } catch (err) {
        lastError = err;
        if (!isRetriable(err) || attempt >= retry.attempts) break;
        const delay = retryDelay(retry, attempt);
        metrics.retried.inc(labels);
        logger.warn('handler failed, retrying', {
          ...fieldsOf(decoded),
          attempt,
          delayMs: delay,
          error: errorMessage(err),
        });
        await sleep(delay, this.deps.signal);
        if (this.deps.signal.aborted) return 'aborted';
      }
    }
    return this.deadLetter(
      ctx.topic,
      ctx.partition,
      message,
      'handler-failed',
      lastError,
      attempt,
      fieldsOf(decoded),
    );
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    error: unknown,
    attempts: number,
    fields: LogFields,
  ): Promise<Outcome> {
    const dlq = this.deps.deadLetterTopic(topic);
    const out = deadLetterMessage({
      topic,
      partition,
      message,
      reason,
      error,
      attempts,
      groupId: this.deps.groupId,
    });
    const sent = await this.untilAvailable('dead-letter write', () =>
      this.deps.sender().send(dlq, out),
    );
    if (sent === undefined) return 'aborted';
    this.deps.metrics.deadLettered.inc({ topic, reason });
    this.deps.logger.error('event sent to the dead-letter topic', {
      topic,
      partition,
      offset: message.offset,
      ...fields,
      reason,
      attempts,
      deadLetterTopic: dlq,
      error: errorMessage(error),
    });
    return 'dead-lettered';
  }

  /**
   * Runs `op` until it succeeds or fails for good; retriable failures (registry, store or broker
   * away) are retried with back-off until the consumer stops (then `undefined`).
   */
  private async untilAvailable<T>(what: string, op: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (err) {
        if (!isRetriable(err) || err instanceof PoisonMessageError) throw err;
        if (this.deps.signal.aborted) return undefined;
        const delay = retryDelay(this.deps.infraRetry, Math.min(attempt, 30));
        this.deps.logger.warn(`${what} failed, waiting before the next try`, {
          attempt,
          delayMs: delay,
          error: errorMessage(err),
        });
        await sleep(delay, this.deps.signal);
        if (this.deps.signal.aborted) return undefined;
      }
    }
  }
}

function fieldsOf({ ctx }: Decoded): LogFields {
  return {
    eventId: ctx.eventId,
    eventType: ctx.eventType,
    version: ctx.writerVersion,
    topic: ctx.topic,
    partition: ctx.partition,
    offset: ctx.offset,
    correlationId: ctx.correlationId,
  };
}
