/**
 * Transactional publishing: several events become visible together or not at all. The events
 * are prepared (validated, encoded) as `work` runs and sent in one batch at commit.
 */
import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import { PublishError, errorMessage, isRetriable } from '../errors.js';

/** An event ready to send: validated, encoded and with its headers. */
export interface PreparedEvent<R> {
  topic: string;
  message: Message;
  result: R;
  /** Filled with the partition and offset once sent (the result itself, for a Publisher). */
  target: { partition: number; offset?: string };
}

/** Anything that prepares events: a `Publisher`. */
export interface EventPreparer<TWrite, TOptions, R> {
  prepareAsync(value: TWrite, options?: TOptions): Promise<PreparedEvent<R>>;
}

/** The handle `client.transaction(work)` passes to `work`. */
export interface Transaction {
  /** Adds one event to the transaction; validates and encodes it now, sends it at commit. */
  publish<TWrite, TOptions, R>(
    publisher: EventPreparer<TWrite, TOptions, R>,
    value: TWrite,
    options?: TOptions,
  ): Promise<R>;
}

class CollectingTransaction implements Transaction {
  readonly events: PreparedEvent<unknown>[] = [];

  async publish<TWrite, TOptions, R>(
    publisher: EventPreparer<TWrite, TOptions, R>,
    value: TWrite,
    options?: TOptions,
  ): Promise<R> {
    const prepared = await publisher.prepareAsync(value, options);
    this.events.push(prepared);
    return prepared.result;
  }
}

/** The transactional producer, created on first use; transactions run one at a time. */
export class Transactions {
  private producer?: Promise<Producer>;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalId: string,
    private readonly compression: 'gzip' | 'none' = 'none',
  ) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.runOne(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runOne<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = new CollectingTransaction();
    const value = await work(tx);
    if (tx.events.length === 0) return value;
    const producer = await this.connect();
    const kafkaTx = await producer.transaction();
    try {
      await kafkaTx.sendBatch({
        topicMessages: tx.events.map((e) => ({ topic: e.topic, messages: [e.message] })),
        acks: -1,
        compression: this.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
      });
      await kafkaTx.commit();
    } catch (err) {
      await kafkaTx.abort().catch(() => undefined);
      throw new PublishError(
        `Transaction of ${tx.events.length} event(s) failed and was aborted: ${errorMessage(err)}`,
        {
          cause: err,
          retriable: isRetriable(err),
        },
      );
    }
    return value;
  }

  private connect(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        transactionalId: this.transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      await producer.connect();
      return producer;
    })().catch((err: unknown) => {
      this.producer = undefined; // the next transaction tries again
      throw err;
    });
    return this.producer;
  }

  async close(): Promise<void> {
    await this.tail;
    const producer = await this.producer?.catch(() => undefined);
    await producer?.disconnect();
  }
}
