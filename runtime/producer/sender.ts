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
import { PublishError, errorMessage, isRetriable } from '../errors.js';
import { HEADER } from '../envelope/headers.js';
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
  /**
   * Largest event accepted, in bytes (value, key and headers); a larger one is refused before
   * anything of its call is sent. Default 1 048 588, Kafka's default `message.max.bytes`; set it
   * to the topics' `max.message.bytes`. Not checked with compression, which may shrink it.
   */
  maxMessageBytes?: number;
}

/** Where a delivery is written once known: `partition` and `offset` are filled in place. */
export interface DeliveryTarget {
  partition: number;
  offset?: string;
}

/**
 * The messages of one `send`/`sendMany` call: settled together, once each of them is written,
 * failed with its request, or withdrawn from the queue because an earlier request of the call
 * failed (a call never goes on half-way without its caller knowing).
 */
interface Group {
  items: Pending[];
  /** Items not yet written, failed or withdrawn; -1 once the call is settled. */
  remaining: number;
  /** The first request failure of the call. */
  error?: unknown;
  resolve(): void;
  reject(err: unknown): void;
}

interface Pending {
  topic: string;
  message: Message;
  size: number;
  target: DeliveryTarget;
  group: Group;
  state: 'queued' | 'sent' | 'written' | 'failed' | 'withdrawn';
}

/** Kafka's default `message.max.bytes`: the broker refuses a larger record batch. */
const KAFKA_MAX_MESSAGE_BYTES = 1_048_588;

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
  private readonly maxMessageBytes: number;

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
    this.maxMessageBytes =
      this.compression === CompressionTypes.None
        ? (options.maxMessageBytes ?? KAFKA_MAX_MESSAGE_BYTES)
        : Number.POSITIVE_INFINITY;
  }

  /** Queues one message; resolves once the broker acknowledged it (acks = all). */
  send(
    topic: string,
    message: Message,
    target: DeliveryTarget = { partition: -1 },
  ): Promise<DeliveryTarget> {
    return new Promise<DeliveryTarget>((resolve, reject) => {
      const group: Group = { items: [], remaining: 1, resolve: () => resolve(target), reject };
      this.enqueue(topic, message, target, group);
      if (this.refuseLarge(group)) return;
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
      const group: Group = { items: [], remaining: items.length, resolve, reject };
      for (const { topic, message, target } of items) this.enqueue(topic, message, target, group);
      if (this.refuseLarge(group)) return;
      this.schedule();
    });
  }

  private enqueue(topic: string, message: Message, target: DeliveryTarget, group: Group): void {
    const size = sizeOf(message);
    this.queuedBytes += size;
    const pending: Pending = { topic, message, size, target, group, state: 'queued' };
    group.items.push(pending);
    this.queue.push(pending);
  }

  /**
   * A call with an event over `maxMessageBytes` is taken back from the queue whole, before any
   * of it is sent, and rejected naming the events that are too large.
   */
  private refuseLarge(group: Group): boolean {
    const large = group.items.filter((p) => p.size > this.maxMessageBytes);
    if (large.length === 0) return false;
    this.withdraw(group);
    const ids = large.map((p) => `${headerEventId(p.message) ?? '(no id)'} (${p.size} bytes)`);
    group.reject(
      failure(
        group,
        `Publishing ${group.items.length} event(s) to ${topicsOf(group.items)} refused before sending anything: ${ids.join(', ')} larger than the ${this.maxMessageBytes} bytes a Kafka message may have (producer.maxMessageBytes)`,
        false,
      ),
    );
    return true;
  }

  /** Takes the group's messages that are still queued out of the queue. */
  private withdraw(group: Group): void {
    if (!group.items.some((p) => p.state === 'queued')) return;
    this.queue = this.queue.filter((p) => {
      if (p.group !== group) return true;
      p.state = 'withdrawn';
      this.queuedBytes -= p.size;
      group.remaining--;
      return false;
    });
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
    const batch = this.queue.splice(0, n);
    for (const p of batch) p.state = 'sent';
    return batch;
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
      for (const p of batch) {
        p.state = 'failed';
        p.group.error ??= err;
      }
      // The rest of each failed call is not sent: its caller hears of the failure first.
      for (const group of new Set(batch.map((p) => p.group))) this.withdraw(group);
      for (const p of batch) done(p);
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
      p.state = 'written';
      done(p);
    }
  }

  private notifyIdle(): void {
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}

/** Counts `p` as settled; the last one of its group settles the call. */
function done(p: Pending): void {
  const group = p.group;
  if (--group.remaining !== 0) return;
  group.remaining = -1;
  if (group.error === undefined) {
    group.resolve();
    return;
  }
  const err = group.error;
  group.reject(
    failure(
      group,
      `Publishing ${group.items.length} event(s) to ${topicsOf(group.items)} failed: ${errorMessage(err)}`,
      isRetriable(err),
      err,
    ),
  );
}

/** The `PublishError` of a call: which events were written (where) and which were not. */
function failure(group: Group, message: string, retriable: boolean, cause?: unknown): PublishError {
  const written = group.items
    .filter((p) => p.state === 'written')
    .map((p) => ({
      eventId: headerEventId(p.message),
      topic: p.topic,
      partition: p.target.partition,
      offset: p.target.offset,
    }));
  const notWritten = group.items
    .filter((p) => p.state !== 'written')
    .map((p) => ({
      eventId: headerEventId(p.message),
      topic: p.topic,
      sent: p.state === 'failed',
      reason:
        p.state === 'failed'
          ? 'its request failed; the broker may have written it'
          : 'not sent: the call failed first',
    }));
  const summary =
    group.items.length === 1
      ? ''
      : `; ${written.length} written, ${notWritten.length} not written (see written and notWritten)`;
  const topics = new Set(group.items.map((p) => p.topic));
  return new PublishError(`${message}${summary}`, {
    cause,
    retriable,
    topic: topics.size === 1 ? group.items[0]!.topic : undefined,
    written,
    notWritten,
  });
}

function topicsOf(items: Pending[]): string {
  return [...new Set(items.map((p) => p.topic))].join(', ');
}

/** The `eventc-event-id` header of a message being published, as the caller gave it. */
export function headerEventId(message: Message): string | undefined {
  const id = message.headers?.[HEADER.eventId];
  return typeof id === 'string' ? id : Buffer.isBuffer(id) ? id.toString() : undefined;
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
