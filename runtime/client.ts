/**
 * `EventcClient`: one per process. It owns the kafkajs `Kafka` instance, the shared idempotent
 * producer (behind a batching `Sender`), the registry client and schema-id cache, the logger
 * and the metrics registry. Publishers and consumers are built on it.
 */
import { Kafka, logLevel, type KafkaConfig, type Producer } from 'kafkajs';
import { ClientStateError } from './errors.js';
import { kafkajsLogCreator, createJsonLogger, type Logger } from './observability/logger.js';
import { MetricsRegistry, runtimeMetrics, type RuntimeMetrics } from './observability/metrics.js';
import { RegistryClient, type RegistryClientOptions } from './registry/client.js';
import { pinnedIds, type LockFile } from './registry/lockfile.js';
import { SchemaCache } from './registry/schemas.js';
import { Sender, recordingPartitioner, type SenderOptions } from './producer/sender.js';
import { Transactions, type Transaction } from './producer/transaction.js';

export interface EventcClientConfig {
  brokers: string[];
  clientId: string;
  /**
   * The registry client's options (URL, auth, headers, TLS, timeout, retries); by default a
   * 5000 ms timeout and no retries of its own, since consumers wait out a registry that is
   * away and start-up fails fast.
   */
  registry: RegistryClientOptions & {
    /** Produce with the schema ids of a lock file (parsed, or its path) instead of looking them up. */
    pinned?: LockFile | string;
  };
  /** Structured logger; default JSON lines on standard error. */
  logger?: Logger;
  /** Extra kafkajs configuration (ssl, sasl, timeouts, retry). */
  kafka?: Partial<Omit<KafkaConfig, 'brokers' | 'clientId'>>;
  /** Register unregistered schemas instead of failing (local development only). Default false. */
  autoRegister?: boolean;
  /** Producer batching and compression. */
  producer?: SenderOptions;
  /** Transactional id of the producer `transaction()` uses. Default `<clientId>-tx`. */
  transactionalId?: string;
  /** Metrics registry to record into; default a new one (see `client.metrics`). */
  metrics?: MetricsRegistry;
}

/** Something the client resolves at `connect()`: a publisher's schema id. */
export interface StartupTask {
  prepare(): Promise<void>;
}

/** A component stopped by `client.close()`, e.g. a consumer. */
export interface Closeable {
  stop(): Promise<void>;
}

export class EventcClient {
  readonly config: EventcClientConfig;
  readonly kafka: Kafka;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly schemas: SchemaCache;
  /** @internal */ readonly runtimeMetrics: RuntimeMetrics;
  private producerInstance?: Producer;
  private senderInstance?: Sender;
  private transactions?: Transactions;
  private readonly startup = new Set<StartupTask>();
  private readonly children = new Set<Closeable>();
  private state: 'new' | 'connecting' | 'connected' | 'closed' = 'new';
  private connecting?: Promise<void>;

  constructor(config: EventcClientConfig) {
    this.config = config;
    this.logger = config.logger ?? createJsonLogger();
    this.metrics = config.metrics ?? new MetricsRegistry();
    this.runtimeMetrics = runtimeMetrics(this.metrics);
    this.kafka = new Kafka({
      logLevel: logLevel.WARN,
      logCreator: kafkajsLogCreator(this.logger),
      ...config.kafka,
      brokers: config.brokers,
      clientId: config.clientId,
    });
    const { pinned, ...registry } = config.registry;
    const http = new RegistryClient({ timeoutMs: 5000, retries: 0, ...registry });
    this.schemas = new SchemaCache(http, {
      autoRegister: config.autoRegister ?? false,
      ...(pinned ? { pinned: pinnedIds(pinned) } : {}),
    });
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  /**
   * Resolves the schema ids of every publisher created so far (failing fast when the registry
   * is unreachable or a schema is not registered), then connects the producer.
   */
  connect(): Promise<void> {
    if (this.state === 'closed')
      return Promise.reject(new ClientStateError('The client is closed'));
    this.connecting ??= this.doConnect();
    return this.connecting;
  }

  private async doConnect(): Promise<void> {
    this.state = 'connecting';
    try {
      await Promise.all([...this.startup].map((t) => t.prepare()));
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 5,
        createPartitioner: recordingPartitioner(),
      });
      await producer.connect();
      this.producerInstance = producer;
      this.senderInstance = new Sender(producer, this.config.producer);
      this.state = 'connected';
    } catch (err) {
      this.state = 'new';
      this.connecting = undefined;
      throw err;
    }
  }

  /** @internal Registers work to do at `connect()`; done at once when already connected. */
  onStartup(task: StartupTask): Promise<void> | undefined {
    this.startup.add(task);
    return this.state === 'connected' ? task.prepare() : undefined;
  }

  /** @internal Registers a component that `close()` stops first. */
  own(child: Closeable): () => void {
    this.children.add(child);
    return () => this.children.delete(child);
  }

  /** @internal The batching sender of the shared idempotent producer. */
  sender(): Sender {
    if (!this.senderInstance) {
      throw new ClientStateError(
        this.state === 'closed'
          ? 'The client is closed'
          : 'The client is not connected: call connect() first',
      );
    }
    return this.senderInstance;
  }

  /**
   * Runs `work` in a Kafka transaction: the events it publishes through `tx` become visible
   * together when it resolves, or not at all when it throws (the error is rethrown).
   */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.state !== 'connected') await this.connect();
    this.transactions ??= new Transactions(
      this.kafka,
      this.config.transactionalId ?? `${this.config.clientId}-tx`,
      this.config.producer?.compression,
    );
    return this.transactions.run(work);
  }

  /** Stops owned consumers, flushes queued events, and disconnects. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    await this.connecting?.catch(() => undefined);
    await Promise.allSettled([...this.children].map((c) => c.stop()));
    this.state = 'closed';
    await this.senderInstance?.flush();
    await this.transactions?.close();
    await this.producerInstance?.disconnect();
  }
}
