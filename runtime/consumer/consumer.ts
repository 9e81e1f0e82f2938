/**
 * `Consumer`: at-least-once consumption of the subscribed events. Offsets are committed only
 * after the handler (and every earlier message of the partition) finished; failures are
 * retried with back-off and then parked on a dead-letter topic; duplicates are skipped through
 * an idempotency store; a `stop()` finishes in-flight handlers, commits and leaves the group.
 */
import type { Consumer as KafkaConsumer, ConsumerConfig } from 'kafkajs';
import { DETACH_AFTER_MS, runBatch } from './batch.js';
import { CommitQueue } from './commits.js';
import type { EventcClient } from '../client.js';
import type { Subscription } from './context.js';
import { Decoder } from './decoder.js';
import { deadLetterTopic } from './dlq.js';
import { ClientStateError, errorMessage } from '../errors.js';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency.js';
import { Limiter } from './limiter.js';
import { Processor } from './processor.js';
import { retryPolicy, type RetryOptions } from './retry.js';
import { installSignalHandlers, type SignalOptions } from '../service/signals.js';

export interface ConsumerOptions {
  groupId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each subscription has its own value type
  subscriptions: Subscription<any>[];
  /** Where a new group starts: the earliest offset (default) or only new events. */
  fromBeginning?: boolean;
  /** Handler retries before the dead-letter topic. */
  retry?: RetryOptions;
  /** Dead-letter topic name, or a function of the source topic. Default `<topic>.dlq`. */
  deadLetterTopic?: string | ((topic: string) => string);
  /** Create the dead-letter topics at start when missing. Default true. */
  createDeadLetterTopics?: boolean;
  /** Idempotency store, or `false` to handle duplicates again. Default: in memory, at least the 100 000 most recent ids. */
  idempotencyStore?: IdempotencyStore | false;
  /** Handlers in flight per partition (different keys only; one key is always in order). Default 1. */
  partitionConcurrency?: number;
  /** Partitions handled at once. Default 1 (kafkajs `partitionsConsumedConcurrently`). */
  partitionsConsumedConcurrently?: number;
  /** Handlers in flight across partitions before fetching pauses. Default 1000. */
  maxInFlight?: number;
  /**
   * Least time between two background offset commits while a batch runs, in ms. Default 1000.
   * These never hold up handling; the end of each fetched batch commits too. A crash replays
   * at most what was handled since the last commit.
   */
  commitIntervalMs?: number;
  /**
   * Longest run of one handler attempt, in ms (a subscription may give its own): past it the
   * attempt counts as a retriable failure, and the event goes to the dead-letter topic with
   * reason `handler-timeout` once the retries are spent. Default 60 000.
   */
  handlerTimeoutMs?: number;
  /**
   * Longest wait of `stop()` for the handlers in flight, in ms; then it stops waiting for them,
   * commits what finished and leaves the group (their events are handled again by the next
   * owner). Default 25 000, under Kubernetes' 30 s grace period.
   */
  stopTimeoutMs?: number;
  /** Extra kafkajs consumer configuration (session timeout, fetch sizes). */
  kafka?: Partial<Omit<ConsumerConfig, 'groupId'>>;
}

export class Consumer {
  readonly groupId: string;
  private readonly options: ConsumerOptions;
  private readonly decoder: Decoder;
  private readonly limiter: Limiter;
  private readonly commits: CommitQueue;
  private readonly abort = new AbortController();
  private kafkaConsumer?: KafkaConsumer;
  private processorInstance?: Processor;
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';
  /**
   * Set when a heartbeat or kafkajs says the group rebalances, cleared when this member
   * joined again: until then no batch starts a message (the fetch's other partitions may be
   * revoked too), so nothing is handled for a partition the member may no longer own.
   */
  private rejoining = false;
  private stopping?: Promise<void>;
  private readonly unown: () => void;

  constructor(
    private readonly client: EventcClient,
    options: ConsumerOptions,
  ) {
    if (options.subscriptions.length === 0)
      throw new RangeError('A consumer needs at least one subscription');
    this.options = options;
    this.groupId = options.groupId;
    this.decoder = new Decoder(client.schemas, options.subscriptions);
    const inFlight = client.runtimeMetrics.inFlight.labels({ group: this.groupId });
    this.limiter = new Limiter(options.maxInFlight ?? 1000, {
      onSaturated: () => this.setPaused(true),
      onDrained: () => this.setPaused(false),
      onChange: (n) => inFlight.set(n),
    });
    this.commits = new CommitQueue(options.commitIntervalMs ?? 1000, (err, offsets) =>
      client.logger.warn(
        'offset commit failed; those events are handled again unless a later commit succeeds',
        {
          groupId: this.groupId,
          offsets: offsets.topics,
          error: errorMessage(err),
        },
      ),
    );
    this.unown = client.own(this);
  }

  /** Topics this consumer reads. */
  get topics(): string[] {
    return this.decoder.topics;
  }

  /**
   * Connects, looks up the schema ids of every known version (failing fast when the registry is
   * unreachable), creates missing dead-letter topics, joins the group and starts consuming.
   */
  async start(): Promise<void> {
    if (this.state !== 'new')
      throw new ClientStateError(`The consumer of group '${this.groupId}' was already started`);
    this.state = 'starting';
    const { client, options } = this;
    await client.connect();
    await this.decoder.prefetch();
    if (options.createDeadLetterTopics ?? true) await this.createDeadLetterTopics();
    const consumer = client.kafka.consumer({ ...options.kafka, groupId: this.groupId });
    this.kafkaConsumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: options.fromBeginning ?? true });
    this.logRebalances(consumer);
    const processor = this.processor();
    this.processorInstance = processor;
    const concurrency = options.partitionConcurrency ?? 1;
    await consumer.run({
      // kafkajs commits what was resolved (the finished prefix of each partition, never more)
      // at the end of each batch and when a heartbeat says the group rebalances, before it
      // rejoins: a partition handed to another member starts after everything handled here.
      // Its interval commits are off; between batch ends the CommitQueue commits in the
      // background.
      autoCommit: true,
      autoCommitInterval: Number.MAX_SAFE_INTEGER,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) =>
        this.track(
          runBatch(payload, {
            concurrency,
            limiter: this.limiter,
            commits: this.commits,
            process: (topic, partition, message) => processor.process(topic, partition, message),
            accepting: () =>
              !this.rejoining && (this.state === 'running' || this.state === 'starting'),
            onLag: (topic, partition, lag) =>
              client.runtimeMetrics.lag.set({ group: this.groupId, topic, partition }, lag),
            detach: (topic, partition, rest) => {
              client.logger.warn(
                'slow handler: this partition is paused until it finishes, and the other partitions go on',
                { groupId: this.groupId, topic, partition, afterMs: DETACH_AFTER_MS },
              );
              void this.track(
                rest.catch((err: unknown) =>
                  client.logger.warn(
                    'a set-aside batch failed; its partition is fetched again from the first unfinished message',
                    { groupId: this.groupId, topic, partition, error: errorMessage(err) },
                  ),
                ),
              );
            },
            onRebalance: (topic, partition, reason) => {
              this.rejoining = true;
              client.logger.warn(
                'rebalance: no more messages are started until this member joined again; what was handled is committed before the partitions are given up',
                { groupId: this.groupId, topic, partition, reason },
              );
            },
          }),
        ),
    });
    this.state = 'running';
    client.logger.info('consumer started', { groupId: this.groupId, topics: this.topics });
  }

  /** Finishes in-flight handlers, commits their offsets, leaves the group and disconnects. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  /**
   * Stops on SIGTERM or SIGINT (then closes the client and exits, unless told otherwise).
   * Returns a function that removes the handlers.
   */
  installSignalHandlers(options: SignalOptions = {}): () => void {
    return installSignalHandlers(
      async () => {
        await this.stop();
        await this.client.close();
      },
      { ...options, logger: this.client.logger },
    );
  }

  private async doStop(): Promise<void> {
    const previous = this.state;
    this.state = 'stopping';
    this.abort.abort();
    try {
      if (previous !== 'new' && this.kafkaConsumer) {
        // No new message starts now; wait for the handlers in flight (at most stopTimeoutMs),
        // commit what finished, and only then leave the group (kafkajs' own stop leaves
        // before anything else).
        await this.drain();
        await this.commits.flush();
        await this.kafkaConsumer.disconnect();
      }
    } finally {
      this.state = 'stopped';
      this.unown();
      this.client.logger.info('consumer stopped', { groupId: this.groupId });
    }
  }

  /** Waits for the batches in flight, abandoning their handlers after `stopTimeoutMs`. */
  private async drain(): Promise<void> {
    const timeoutMs = this.options.stopTimeoutMs ?? 25_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>(
      (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
    );
    const drained = await Promise.race([this.batchesIdle().then(() => true as const), late]);
    clearTimeout(timer);
    if (drained) return;
    const abandoned = this.processorInstance?.abandon() ?? 0;
    this.client.logger.warn(
      'stop: handlers still running after the stop timeout were abandoned; their events are not committed and will be handled again',
      { groupId: this.groupId, stopTimeoutMs: timeoutMs, abandoned },
    );
    await this.batchesIdle();
  }

  /** Rebalances, assignments and crashes of the group, at warn level with group and member. */
  private logRebalances(consumer: KafkaConsumer): void {
    const { logger } = this.client;
    const groupId = this.groupId;
    consumer.on(consumer.events.REBALANCING, (e) => {
      this.rejoining = true;
      logger.warn('group rebalancing: this member hands its partitions back', {
        groupId,
        memberId: e.payload.memberId,
      });
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.rejoining = false;
      logger.warn('group joined: partitions assigned to this member', {
        groupId,
        memberId: e.payload.memberId,
        leader: e.payload.isLeader,
        partitions: e.payload.memberAssignment,
      });
    });
    consumer.on(consumer.events.CRASH, (e) =>
      logger.warn('group member crashed', {
        groupId,
        error: errorMessage(e.payload.error),
        restart: e.payload.restart,
      }),
    );
  }

  private activeBatches = 0;
  private batchWaiters: (() => void)[] = [];

  private async track(batch: Promise<void>): Promise<void> {
    this.activeBatches++;
    try {
      await batch;
    } finally {
      if (--this.activeBatches === 0) {
        for (const resolve of this.batchWaiters.splice(0)) resolve();
      }
    }
  }

  private batchesIdle(): Promise<void> {
    if (this.activeBatches === 0) return Promise.resolve();
    return new Promise((resolve) => this.batchWaiters.push(resolve));
  }

  private processor(): Processor {
    const { client, options } = this;
    const store =
      options.idempotencyStore === false
        ? null
        : (options.idempotencyStore ?? new MemoryIdempotencyStore());
    return new Processor({
      groupId: this.groupId,
      decoder: this.decoder,
      store,
      retry: retryPolicy(options.retry),
      infraRetry: retryPolicy({
        attempts: Number.MAX_SAFE_INTEGER,
        initialDelayMs: 250,
        maxDelayMs: 5000,
      }),
      deadLetterTopic: (topic) => deadLetterTopic(topic, options.deadLetterTopic),
      sender: () => client.sender(),
      metrics: client.runtimeMetrics,
      logger: client.logger,
      signal: this.abort.signal,
      concurrent:
        (options.partitionConcurrency ?? 1) > 1 ||
        (options.partitionsConsumedConcurrently ?? 1) > 1,
      handlerTimeoutMs: options.handlerTimeoutMs ?? 60_000,
    });
  }

  private async createDeadLetterTopics(): Promise<void> {
    const admin = this.client.kafka.admin();
    await admin.connect();
    try {
      const wanted = [
        ...new Set(this.topics.map((t) => deadLetterTopic(t, this.options.deadLetterTopic))),
      ];
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({
          topics: missing.map((topic) => ({ topic })),
          waitForLeaders: true,
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  private setPaused(paused: boolean): void {
    const consumer = this.kafkaConsumer;
    if (!consumer) return;
    const topics = this.topics.map((topic) => ({ topic }));
    if (paused) consumer.pause(topics);
    else consumer.resume(topics);
    this.client.runtimeMetrics.paused.set({ group: this.groupId }, paused ? 1 : 0);
    this.client.logger.debug(
      paused ? 'fetching paused: in-flight limit reached' : 'fetching resumed',
      {
        groupId: this.groupId,
        inFlight: this.limiter.inFlight,
      },
    );
  }
}
