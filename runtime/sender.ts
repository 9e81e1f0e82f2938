/**
 * Coalesces messages from concurrent `publish` calls into few `sendBatch` requests, so that
 * publishing one event at a time costs about what sending in batches costs. Messages queued
 * while a request is in flight go out together in the next one; others wait for the end of the
 * current turn of the event loop (or `lingerMs`), unless they already fill a request, which then
 * goes out at once.
 */
import {
  CompressionTypes,
  Partitioners,
  type ICustomPartitioner,
  type Message,
  type Producer,
  type RecordMetadata,
  type TopicMessages,
} from 'kafkajs';
import { PublishError, errorMessage, isRetriable } from './errors.js';
import { keyPartition } from './murmur2.js';

export interface SenderOptions {
  /** `gzip` (built into kafkajs) or `none`. Default `none`. */
  compression?: 'gzip' | 'none';
  /** Longest wait for more messages before a request goes out, in ms. Default 0. */
  lingerMs?: number;
  /** Most messages per request. Default 1000 (kafkajs groups messages per partition in quadratic time). */
  maxBatchMessages?: number;
  /** Most bytes (values, keys, headers) per request. Default 900 000. */
  maxBatchBytes?: number;
  /** Requests in flight at once. Default 1 (the idempotent producer serialises them per broker anyway). */
  maxInFlight?: number;
}

/** Where a delivery is written once known: `partition` and `offset` are filled in place. */
export interface DeliveryTarget {
  partition: number;
  offset?: string;
}

/** The messages of one `send`/`sendMany` call: settled together. */
interface Group {
  remaining: number;
  settled: boolean;
  resolve(): void;
  reject(err: unknown): void;
}

interface Pending {
  topic: string;
  message: Message;
  size: number;
  target: DeliveryTarget;
  group: Group;
}

/**
 * kafkajs' default partitioner, recording the partition it picks as the message's `partition`:
 * the sender reports it, and a retry of the request keeps the message on that partition. A keyed
 * message's partition is the same murmur2 hash of its key (see `murmur2.ts`), computed faster.
 */
export function recordingPartitioner(): ICustomPartitioner {
  return () => {
    const inner = Partitioners.DefaultPartitioner();
    return (args) => {
      const { message } = args;
      const key = message.key;
      const p =
        message.partition === undefined &&
        key !== null &&
        key !== undefined &&
        args.partitionMetadata.length > 0
          ? keyPartition(
              typeof key === 'string' || Buffer.isBuffer(key) ? key : String(key),
              args.partitionMetadata.length,
            )
          : inner(args);
      message.partition = p;
      return p;
    };
  };
}

export class Sender {
  private queue: Pending[] = [];
  private queuedBytes = 0;
  private inFlight = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  private readonly compression: CompressionTypes;
  private readonly lingerMs: number;
  private readonly maxMessages: number;
  private readonly maxBytes: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly producer: Producer,
    options: SenderOptions = {},
  ) {
    this.compression =
      options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    this.lingerMs = options.lingerMs ?? 0;
    this.maxMessages = options.maxBatchMessages ?? 1000;
    this.maxBytes = options.maxBatchBytes ?? 900_000;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  /** Queues one message; resolves once the broker acknowledged it (acks = all). */
  send(
    topic: string,
    message: Message,
    target: DeliveryTarget = { partition: -1 },
  ): Promise<DeliveryTarget> {
    return new Promise<DeliveryTarget>((resolve, reject) => {
      this.enqueue(topic, message, target, {
        remaining: 1,
        settled: false,
        resolve: () => resolve(target),
        reject,
      });
      this.schedule();
    });
  }

  /**
   * Queues many messages (they go out in the same request when the limits allow); resolves
   * once all were acknowledged, with each `target` filled in.
   */
  sendMany(
    items: readonly { topic: string; message: Message; target: DeliveryTarget }[],
  ): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const group: Group = { remaining: items.length, settled: false, resolve, reject };
      for (const { topic, message, target } of items) this.enqueue(topic, message, target, group);
      this.schedule();
    });
  }

  private enqueue(topic: string, message: Message, target: DeliveryTarget, group: Group): void {
    const size = sizeOf(message);
    this.queuedBytes += size;
    this.queue.push({ topic, message, size, target, group });
  }

  /** Resolves when every queued message was sent (or failed). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.inFlight >= this.maxInFlight) return;
    // A full request goes out now: waiting for more messages cannot make it bigger, and in a
    // busy event loop the wait would hold it up behind everything else queued there.
    if (this.queue.length >= this.maxMessages || this.queuedBytes >= this.maxBytes) {
      this.drain();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.drain();
    };
    if (this.lingerMs > 0) setTimeout(run, this.lingerMs);
    else setImmediate(run);
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.take();
      this.inFlight++;
      void this.sendBatch(batch).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.drain();
        else if (this.inFlight === 0) this.notifyIdle();
      });
    }
  }

  private take(): Pending[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && n < this.maxMessages) {
      bytes += this.queue[n]!.size;
      if (n > 0 && bytes > this.maxBytes) {
        bytes -= this.queue[n]!.size;
        break;
      }
      n++;
    }
    this.queuedBytes -= bytes;
    return this.queue.splice(0, n);
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      let list = byTopic.get(p.topic);
      if (!list) byTopic.set(p.topic, (list = []));
      list.push(p.message);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({
      topic,
      messages,
    }));
    let metadata: RecordMetadata[];
    try {
      metadata = await this.producer.sendBatch({
        topicMessages,
        acks: -1,
        compression: this.compression,
      });
    } catch (err) {
      const topics = [...byTopic.keys()].join(', ');
      const error = new PublishError(
        `Publishing ${batch.length} event(s) to ${topics} failed: ${errorMessage(err)}`,
        {
          cause: err,
          retriable: isRetriable(err),
          topic: byTopic.size === 1 ? batch[0]!.topic : undefined,
        },
      );
      for (const p of batch) {
        if (p.group.settled) continue;
        p.group.settled = true;
        p.group.reject(error);
      }
      return;
    }
    this.settle(batch, metadata);
  }

  private settle(batch: Pending[], metadata: RecordMetadata[]): void {
    // Offsets of a partition's messages follow its base offset in the order they were sent.
    const next = new Map<string, Map<number, Offset>>();
    for (const m of metadata) {
      if (m.baseOffset === undefined) continue;
      let partitions = next.get(m.topicName);
      if (!partitions) next.set(m.topicName, (partitions = new Map()));
      partitions.set(m.partition, offsetOf(m.baseOffset, batch.length));
    }
    for (const p of batch) {
      const partition = p.message.partition ?? -1;
      p.target.partition = partition;
      const partitions = next.get(p.topic);
      const offset = partitions?.get(partition);
      if (offset !== undefined) {
        p.target.offset = offset.toString();
        partitions!.set(partition, typeof offset === 'number' ? offset + 1 : offset + 1n);
      }
      if (--p.group.remaining === 0 && !p.group.settled) {
        p.group.settled = true;
        p.group.resolve();
      }
    }
  }

  private notifyIdle(): void {
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}

/** An offset as a number while `count` offsets after it are exact (always, in practice), else a bigint. */
type Offset = number | bigint;

function offsetOf(text: string, count: number): Offset {
  const n = Number(text);
  return Number.isSafeInteger(n + count) ? n : BigInt(text);
}

function sizeOf(m: Message): number {
  let n = 70;
  if (m.value) n += m.value.length;
  if (m.key) n += m.key.length;
  const headers = m.headers;
  if (headers) {
    for (const k in headers) {
      const v = headers[k];
      n += k.length + (typeof v === 'string' || Buffer.isBuffer(v) ? v.length : 16);
    }
  }
  return n;
}
