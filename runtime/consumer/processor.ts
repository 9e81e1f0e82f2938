/**
 * Handling one consumed message: decode, skip duplicates, run the handler with retries, park
 * what cannot be handled on the dead-letter topic. Infrastructure that is away (registry,
 * idempotency store, broker for the dead-letter write) is waited for, never skipped: the
 * outcome is then `aborted` only when the consumer stops, and the offset stays uncommitted.
 */
import type { KafkaMessage } from 'kafkajs';
import type { Subscription } from './context.js';
import { HandlerAbandonedError, HandlerDeadlines, HandlerTimeoutError } from './deadlines.js';
import type { Decoded, Decoder } from './decoder.js';
import { deadLetterMessage } from './dlq.js';
import { PoisonMessageError, errorMessage, isRetriable } from '../errors.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency.js';
import type { Logger, LogFields } from '../observability/logger.js';
import type { RuntimeMetrics } from '../observability/metrics.js';
import { retryDelay, sleep, type RetryPolicy } from './retry.js';
import type { Sender } from '../producer/sender.js';

interface EventSeries {
  handled: { inc(): void };
  seconds: { observe(value: number): void };
}

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
  /** Whether messages are handled concurrently (then an id in flight counts as seen). */
  concurrent: boolean;
  /** Longest run of one handler attempt, where the subscription gives none. */
  handlerTimeoutMs: number;
}

export class Processor {
  /** Event ids being handled right now (when handling is concurrent), so a duplicate in flight is not run twice. */
  private readonly inFlight = new Set<string>();
  private readonly consumedBy = new Map<string, { inc(): void }>();
  private readonly seriesBy = new Map<Subscription<unknown>, EventSeries>();
  private readonly deadlines = new HandlerDeadlines();

  constructor(private readonly deps: ProcessorDeps) {}

  /** Stops waiting for the handlers still running (a stop past its deadline): their events are not committed. */
  abandon(): number {
    return this.deadlines.abandon(
      new HandlerAbandonedError('the consumer stopped before the handler finished'),
    );
  }

  /** One attempt of the subscription's handler, bounded by its timeout. */
  private attempt(decoded: Decoded, startedAt: number): Promise<void> {
    const { subscription, value, ctx } = decoded;
    let run: Promise<void>;
    try {
      run = Promise.resolve(subscription.handle(value, ctx));
    } catch (err) {
      run = Promise.reject(err as Error);
    }
    const timeoutMs = subscription.timeoutMs ?? this.deps.handlerTimeoutMs;
    return this.deadlines.guard(run, timeoutMs, startedAt);
  }

  /**
   * Handles one message to its outcome. Written without `async` on the usual path (schema
   * cached, in-memory store, handler succeeds): per message that is a few objects less to
   * allocate than a suspended async function holds.
   */
  process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    // Once a stop is requested, no handler starts (queued messages are left uncommitted).
    if (this.deps.signal.aborted) return Promise.resolve('aborted');
    let consumed = this.consumedBy.get(topic);
    if (!consumed)
      this.consumedBy.set(topic, (consumed = this.deps.metrics.consumed.labels({ topic })));
    consumed.inc();
    let decoded: Decoded | Promise<Decoded>;
    try {
      decoded = this.deps.decoder.decode(topic, partition, message);
    } catch (err) {
      return this.poisoned(topic, partition, message, err);
    }
    if (decoded instanceof Promise) return this.processPending(topic, partition, message, decoded);
    const seen = this.seen(decoded.ctx.eventId);
    if (seen instanceof Promise) return seen.then((s) => this.handleOnce(decoded, message, s));
    return this.handleOnce(decoded, message, seen);
  }

  /** A writer schema not cached yet: fetched, waiting out a registry that is away. */
  private async processPending(
    topic: string,
    partition: number,
    message: KafkaMessage,
    pending: Promise<Decoded>,
  ): Promise<Outcome> {
    let decoded: Decoded | undefined;
    try {
      decoded = await this.untilAvailable(
        'decode',
        () => pending,
        () => this.deps.decoder.decode(topic, partition, message),
      );
    } catch (err) {
      return this.poisoned(topic, partition, message, err);
    }
    if (decoded === undefined) return 'aborted';
    return this.handleOnce(decoded, message, await this.seen(decoded.ctx.eventId));
  }

  /** A message that can never be handled goes to the dead-letter topic; anything else is rethrown. */
  private poisoned(
    topic: string,
    partition: number,
    message: KafkaMessage,
    err: unknown,
  ): Promise<Outcome> {
    if (!(err instanceof PoisonMessageError)) return Promise.reject(err as Error);
    return this.deadLetter(topic, partition, message, err.reason, err, 0, {
      eventType: err.eventType,
    });
  }

  /**
   * Skips a duplicate (`seen`; `undefined`: stopped while the store was away), else runs the
   * handler: the first attempt here, retries and the dead-letter topic in `retrying`.
   */
  private handleOnce(
    decoded: Decoded,
    message: KafkaMessage,
    seen: boolean | undefined,
  ): Promise<Outcome> {
    if (seen === undefined) return Promise.resolve('aborted');
    const { ctx, subscription } = decoded;
    if (seen) {
      this.deps.metrics.duplicates.inc({ topic: ctx.topic, event: ctx.eventType });
      this.deps.logger.debug('duplicate event skipped', fieldsOf(decoded));
      return Promise.resolve('duplicate');
    }
    const id = ctx.eventId;
    const series = this.series(subscription);
    const tracked = this.deps.concurrent;
    if (tracked) this.inFlight.add(id);
    const start = performance.now();
    const outcome = this.attempt(decoded, start).then(
      () => {
        series.seconds.observe((performance.now() - start) / 1000);
        series.handled.inc();
        return this.remembered(id);
      },
      (err: unknown) =>
        this.retrying(decoded, message, series, err).then((o) =>
          o === 'handled' ? this.remembered(id) : o,
        ),
    );
    return tracked ? outcome.finally(() => this.inFlight.delete(id)) : outcome;
  }

  /** `handled` once the event is recorded as handled; `aborted` when stopped while the store was away. */
  private remembered(id: string): Outcome | Promise<Outcome> {
    const ok = this.remember(id);
    if (ok instanceof Promise) return ok.then((done) => (done ? 'handled' : 'aborted'));
    return ok ? 'handled' : 'aborted';
  }

  /** Whether the event was handled already (`undefined`: stopped while the store was away). */
  private seen(id: string): boolean | Promise<boolean | undefined> {
    if (this.inFlight.has(id)) return true;
    const store = this.deps.store;
    if (!store) return false;
    if (store instanceof MemoryIdempotencyStore) return store.hasSync(id);
    return this.untilAvailable('idempotency check', () => store.has(id));
  }

  /** Records the event as handled; false when stopped while the store was away. */
  private remember(id: string): boolean | Promise<boolean> {
    const store = this.deps.store;
    if (!store) return true;
    if (store instanceof MemoryIdempotencyStore) {
      store.addSync(id);
      return true;
    }
    return this.untilAvailable('idempotency record', () => store.add(id).then(() => true)).then(
      (ok) => ok === true,
    );
  }

  /** After a failed first attempt: back-off and retry, then the dead-letter topic. */
  private async retrying(
    decoded: Decoded,
    message: KafkaMessage,
    series: EventSeries,
    firstError: unknown,
  ): Promise<Outcome> {
    const { ctx } = decoded;
    const { metrics, retry, logger } = this.deps;
    let lastError = firstError;
    let attempt = 1;
    while (isRetriable(lastError) && attempt < retry.attempts) {
      const delay = retryDelay(retry, attempt);
      metrics.retried.inc({ topic: ctx.topic, event: ctx.eventType });
      logger.warn('handler failed, retrying', {
        ...fieldsOf(decoded),
        attempt,
        delayMs: delay,
        error: errorMessage(lastError),
      });
      await sleep(delay, this.deps.signal);
      if (this.deps.signal.aborted) return 'aborted';
      attempt++;
      const start = performance.now();
      try {
        await this.attempt(decoded, start);
        series.seconds.observe((performance.now() - start) / 1000);
        series.handled.inc();
        return 'handled';
      } catch (err) {
        lastError = err;
      }
    }
    if (lastError instanceof HandlerAbandonedError) return 'aborted';
    return this.deadLetter(
      ctx.topic,
      ctx.partition,
      message,
      lastError instanceof HandlerTimeoutError ? 'handler-timeout' : 'handler-failed',
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

  /** The metric series of a subscription's topic and event. */
  private series(subscription: Subscription<unknown>): EventSeries {
    let series = this.seriesBy.get(subscription);
    if (!series) {
      const labels = { topic: subscription.descriptor.topic, event: subscription.descriptor.event };
      series = {
        handled: this.deps.metrics.handled.labels(labels),
        seconds: this.deps.metrics.handlerSeconds.labels(labels),
      };
      this.seriesBy.set(subscription, series);
    }
    return series;
  }

  /**
   * Runs `op` until it succeeds or fails for good; retriable failures (registry, store or broker
   * away) are retried with back-off until the consumer stops (then `undefined`).
   */
  private async untilAvailable<T>(
    what: string,
    first: () => Promise<T>,
    again: () => T | Promise<T> = first,
  ): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (attempt === 1 ? first() : again());
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
