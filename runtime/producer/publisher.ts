/**
 * `Publisher<TWrite>`: publishes one event (one version of it) with validation, the eventc
 * headers and the Confluent wire format. Concurrent `publish` calls are coalesced into batches
 * by the client's sender; `publishBatch` sends many at once.
 */
import type { Message } from 'kafkajs';
import type { EventcClient } from '../client.js';
import type { EventContext } from '../consumer/context.js';
import { eventOf, type EventDescriptor, type WritableVersion } from '../descriptor.js';
import { ClientStateError, EventValidationError, type FieldProblem } from '../errors.js';
import { buildEventHeaders, isoNow } from '../envelope/headers.js';
import { childTraceparent } from '../envelope/traceparent.js';
import type { PreparedEvent } from './transaction.js';
import { randomUuid } from '../envelope/uuid.js';
import { encodeValueFrame } from '../codec/wire.js';

export interface PublishOptions {
  /** Kafka key; default the value of the descriptor's key field, else none. */
  key?: string;
  /** Event id; default a fresh UUID v4. Reusing an id makes a retry idempotent for consumers. */
  eventId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
  /** Extra headers (cannot replace eventc's own). */
  headers?: Record<string, string>;
  /** Context of the event being handled: its correlation id and trace carry over, its id becomes the causation id. */
  cause?: EventContext;
}

export interface PublishResult {
  eventId: string;
  topic: string;
  key: string | null;
  schemaId: number;
  /** Partition written to (-1 inside a transaction, where it is not reported). */
  partition: number;
  /** Offset of the event, when the broker reported it. */
  offset?: string;
}

export type BatchItem<TWrite> = TWrite | { value: TWrite; options?: PublishOptions };

export class Publisher<TWrite> {
  readonly descriptor: EventDescriptor;
  readonly version: number;
  private readonly versionDescriptor: WritableVersion<TWrite>;
  private schemaId?: number;
  private readonly versionText: string;

  /** A publisher of one version of an event (`OrderCreatedV2Schema`), typed by it. */
  constructor(
    private readonly client: EventcClient,
    version: WritableVersion<TWrite>,
  ) {
    this.descriptor = eventOf(version);
    this.version = version.version;
    this.versionText = String(version.version);
    this.versionDescriptor = version;
    client.onStartup({ prepare: () => this.ready() })?.catch(() => undefined);
  }

  /** Resolves the schema id (once; from the client's cache afterwards). */
  async ready(): Promise<void> {
    if (this.schemaId !== undefined) return;
    this.schemaId = await this.client.schemas.resolveId(
      this.descriptor.subject,
      this.versionDescriptor.schema,
    );
  }

  publish(value: TWrite, options?: PublishOptions): Promise<PublishResult> {
    if (this.schemaId === undefined) {
      return this.ready().then(() => this.publish(value, options));
    }
    // Not an async function: a publish is one promise, not three (it matters per event).
    let prepared: PreparedEvent<PublishResult>;
    let sent: Promise<unknown>;
    try {
      prepared = this.prepare(value, options);
      sent = this.client.sender().send(prepared.topic, prepared.message, prepared.target);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return sent.then(() => {
      this.published().inc();
      return prepared.result;
    });
  }

  /** Publishes many events in as few requests as the batch limits allow; all are validated first. */
  async publishBatch(items: readonly BatchItem<TWrite>[]): Promise<PublishResult[]> {
    await this.ready();
    const prepared = items.map((item) =>
      this.isEntry(item) ? this.prepare(item.value, item.options) : this.prepare(item as TWrite),
    );
    await this.client.sender().sendMany(prepared);
    this.published().inc(items.length);
    return prepared.map((p) => p.result);
  }

  private publishedSeries?: { inc(by?: number): void };
  private published(): { inc(by?: number): void } {
    this.publishedSeries ??= this.client.runtimeMetrics.published.labels({
      topic: this.descriptor.topic,
      event: this.descriptor.event,
    });
    return this.publishedSeries;
  }

  /** Publishes the events in one Kafka transaction: all become visible, or none. */
  publishTransaction(items: readonly BatchItem<TWrite>[]): Promise<PublishResult[]> {
    return this.client.transaction(async (tx) => {
      const results: PublishResult[] = [];
      for (const item of items) {
        const [value, options] = this.isEntry(item)
          ? [item.value, item.options]
          : [item as TWrite, undefined];
        results.push(await tx.publish(this, value, options));
      }
      return results;
    });
  }

  /** @internal Validates and encodes one event (resolving the schema id first if needed). */
  async prepareAsync(
    value: TWrite,
    options?: PublishOptions,
  ): Promise<PreparedEvent<PublishResult>> {
    if (this.schemaId === undefined) await this.ready();
    return this.prepare(value, options);
  }

  /** @internal Validates and encodes one event; the schema id must be resolved. */
  prepare(value: TWrite, options: PublishOptions = NO_OPTIONS): PreparedEvent<PublishResult> {
    const schemaId = this.schemaId;
    if (schemaId === undefined)
      throw new ClientStateError(
        `Schema id of ${this.descriptor.event} v${this.version} not resolved`,
      );
    const type = this.versionDescriptor.type;
    if (!type.isValid(value)) throw this.validationError(value);
    const frame = encodeValueFrame(schemaId, type, value);
    const eventId = options.eventId ?? randomUuid();
    const cause = options.cause;
    const traceparent =
      options.traceparent ?? (cause?.traceparent ? childTraceparent(cause.traceparent) : undefined);
    const tracestate =
      options.tracestate ?? (cause?.traceparent ? cause.headers.tracestate : undefined);
    const headers = buildEventHeaders(
      {
        eventId,
        eventType: this.descriptor.event,
        version: this.versionText,
        time: isoNow(),
        correlationId: options.correlationId ?? cause?.correlationId ?? eventId,
        causationId: options.causationId ?? cause?.eventId,
        traceparent,
        tracestate,
      },
      options.headers,
    );
    const key = options.key ?? this.keyOf(value);
    const message: Message = { key, value: frame, headers, partition: undefined };
    const result: PublishResult = {
      eventId,
      topic: this.descriptor.topic,
      key,
      schemaId,
      partition: -1,
    };
    return { topic: this.descriptor.topic, message, result, target: result };
  }

  /** A `{value, options}` entry, unless the item is itself a valid value of that shape. */
  private isEntry(item: BatchItem<TWrite>): item is { value: TWrite; options?: PublishOptions } {
    return isBatchEntry<TWrite>(item) && !this.versionDescriptor.type.isValid(item);
  }

  private keyOf(value: TWrite): string | null {
    const field = this.descriptor.keyField;
    if (field === undefined) return null;
    const k = (value as Record<string, unknown>)[field];
    return k === undefined || k === null ? null : String(k);
  }

  private validationError(value: TWrite): EventValidationError {
    const problems: FieldProblem[] = [];
    this.versionDescriptor.type.isValid(value, {
      errorHook: (path, val, type) => {
        problems.push({ path: path.join('.'), value: val, expected: typeName(type) });
      },
    });
    return new EventValidationError(this.descriptor.event, this.version, problems);
  }
}

const NO_OPTIONS: PublishOptions = Object.freeze({});

function isBatchEntry<T>(item: BatchItem<T>): item is { value: T; options?: PublishOptions } {
  return (
    typeof item === 'object' &&
    item !== null &&
    'value' in item &&
    Object.keys(item).every((k) => k === 'value' || k === 'options')
  );
}

function typeName(type: {
  typeName?: string;
  name?: string | undefined;
  branchName?: string;
}): string {
  return type.name ?? type.typeName ?? 'unknown';
}
