/**
 * Turns a consumed Kafka message into a typed value and its context: unframes it, finds the
 * subscription (by the `eventc-event-type` header, else by the writer's record name), resolves
 * the writer schema by id into the subscription's reader version, and decodes. Anything that
 * can never succeed is a `PoisonMessageError` with its reason; a registry that is away, or
 * that refuses the request itself (credentials, a wrong URL), is a retriable
 * `RegistryUnavailableError`.
 */
import type { Resolver, Type } from 'avsc';
import type { KafkaMessage } from 'kafkajs';
import type { EventContext, Subscription } from './context.js';
import {
  PoisonMessageError,
  RegistryError,
  RegistryUnavailableError,
  UnknownSchemaIdError,
  WireFormatError,
  errorMessage,
  type ErrorContext,
} from '../errors.js';
import { HEADER, HeaderReader } from '../envelope/headers.js';
import { messageContext, type ContextEvent } from './message-context.js';
import type { SchemaCache } from '../registry/schemas.js';
import { HEADER_LENGTH, frameSchemaId } from '../codec/wire.js';

export interface Decoded {
  subscription: Subscription<unknown>;
  value: unknown;
  ctx: EventContext;
}

/** How to read one writer schema as one subscription's version (cached per schema id, topic and event). */
interface Reading extends ContextEvent {
  subscription: Subscription<unknown>;
  reader: Type;
  /** Null when writer and reader are the same schema. */
  resolver: Resolver | null;
}

export class Decoder {
  /** Subscriptions by topic, then by event name. */
  private readonly byTopic = new Map<string, Map<string, Subscription<unknown>>>();
  /** Schema id → event version, for the versions this process knows. */
  private readonly versionById = new Map<number, { event: string; version: number }>();
  /** Schema id → topic → event → how to read it. */
  private readonly readings = new Map<number, Map<string, Map<string, Reading>>>();
  /** The last message's schema id, topic and event type header, and its reading. */
  private lastReading?: {
    schemaId: number;
    topic: string;
    eventType: string | undefined;
    reading: Reading;
  };
  private readonly headerReader = new HeaderReader();

  constructor(
    private readonly schemas: SchemaCache,
    subscriptions: readonly Subscription<unknown>[],
  ) {
    for (const s of subscriptions) {
      let events = this.byTopic.get(s.descriptor.topic);
      if (!events) this.byTopic.set(s.descriptor.topic, (events = new Map()));
      if (events.has(s.descriptor.event))
        throw new RangeError(
          `Two subscriptions to ${s.descriptor.event} on '${s.descriptor.topic}'`,
        );
      events.set(s.descriptor.event, s);
    }
  }

  get topics(): string[] {
    return [...this.byTopic.keys()];
  }

  /**
   * Looks up the ids of every known version of the subscribed events, so that events written
   * with them decode without the registry. Versions not registered are skipped.
   */
  async prefetch(): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const events of this.byTopic.values()) {
      for (const s of events.values()) {
        for (const v of s.descriptor.versions) {
          jobs.push(
            this.schemas.resolveId(s.descriptor.subject, v.schema).then(
              (id) => {
                this.versionById.set(id, { event: s.descriptor.event, version: v.version });
                this.schemas.seedType(id, v.type);
              },
              (err: unknown) => {
                if (err instanceof RegistryUnavailableError) throw err;
              },
            ),
          );
        }
      }
    }
    await Promise.all(jobs);
  }

  /**
   * Decodes one message: synchronously when the writer schema is cached (the usual case),
   * else after fetching it.
   */
  decode(topic: string, partition: number, message: KafkaMessage): Decoded | Promise<Decoded> {
    const value = message.value;
    if (!value || value.length === 0) {
      throw new PoisonMessageError('empty-value', 'Message has no value (tombstone or empty)', {
        topic,
        partition,
        offset: message.offset,
      });
    }
    let schemaId: number;
    try {
      schemaId = frameSchemaId(value);
    } catch (err) {
      const problem = err instanceof WireFormatError ? err.problem : 'no-magic-byte';
      throw new PoisonMessageError(
        problem === 'too-short' ? 'too-short' : 'no-magic-byte',
        errorMessage(err),
        {
          topic,
          partition,
          offset: message.offset,
          cause: err,
        },
      );
    }
    const writer = this.schemas.writerType(schemaId);
    if (writer instanceof Promise) {
      return this.awaitWriter(schemaId, writer, {
        topic,
        partition,
        offset: message.offset,
        schemaId,
      }).then((type) => this.finish(topic, partition, message, schemaId, type));
    }
    return this.finish(topic, partition, message, schemaId, writer);
  }

  private finish(
    topic: string,
    partition: number,
    message: KafkaMessage,
    schemaId: number,
    writer: Type,
  ): Decoded {
    const headers = this.headerReader.read(message.headers);
    const eventType = headers[HEADER.eventType];
    const last = this.lastReading;
    let reading: Reading;
    if (
      last !== undefined &&
      last.schemaId === schemaId &&
      last.topic === topic &&
      last.eventType === eventType
    ) {
      reading = last.reading;
    } else {
      reading = this.reading(topic, partition, message, schemaId, writer, headers);
      this.lastReading = { schemaId, topic, eventType, reading };
    }
    const bytes = message.value!;
    let value: unknown;
    try {
      const decoded = reading.reader.decode(bytes, HEADER_LENGTH, reading.resolver ?? undefined);
      if (decoded.offset !== bytes.length) {
        throw new Error(decoded.offset === -1 ? 'truncated buffer' : 'trailing data');
      }
      value = decoded.value;
    } catch (err) {
      throw new PoisonMessageError(
        'undecodable',
        `Cannot decode the Avro body with schema id ${schemaId}: ${errorMessage(err)}`,
        {
          topic,
          partition,
          offset: message.offset,
          schemaId,
          eventType: reading.eventType,
          cause: err,
        },
      );
    }
    const ctx = messageContext(topic, partition, message, headers, reading);
    return { subscription: reading.subscription, value, ctx };
  }

  private async awaitWriter(
    schemaId: number,
    pending: Promise<Type>,
    where: ErrorContext,
  ): Promise<Type> {
    try {
      return await pending;
    } catch (err) {
      if (err instanceof UnknownSchemaIdError) {
        throw new PoisonMessageError('unknown-schema-id', err.message, { ...where, cause: err });
      }
      if (err instanceof RegistryUnavailableError) throw err;
      if (err instanceof RegistryError) {
        // The registry refused the request itself (credentials, a wrong URL): the message is
        // not at fault, so it is waited for like a registry that is away, never parked.
        throw new RegistryUnavailableError(
          `cannot fetch writer schema ${schemaId}: ${err.message}`,
          { ...where, schemaId, retriable: true },
        );
      }
      throw new PoisonMessageError(
        'undecodable',
        `Writer schema ${schemaId} is not a usable Avro schema: ${errorMessage(err)}`,
        {
          ...where,
          cause: err,
        },
      );
    }
  }

  private reading(
    topic: string,
    partition: number,
    message: KafkaMessage,
    schemaId: number,
    writer: Type,
    headers: Record<string, string>,
  ): Reading {
    const where = (): ErrorContext => ({ topic, partition, offset: message.offset, schemaId });
    const known = this.versionById.get(schemaId);
    const eventType =
      headers[HEADER.eventType] ?? known?.event ?? this.eventByRecordName(topic, writer.name);
    const subscription =
      eventType === undefined ? undefined : this.byTopic.get(topic)?.get(eventType);
    if (!subscription) {
      const what =
        eventType === undefined
          ? `record '${writer.name ?? writer.typeName}'`
          : `event type '${eventType}'`;
      throw new PoisonMessageError(
        'unhandled-event-type',
        `No subscription on '${topic}' handles ${what}`,
        { ...where(), eventType },
      );
    }
    let byEvent = this.readings.get(schemaId)?.get(topic);
    const cached = byEvent?.get(subscription.descriptor.event);
    if (cached) return cached;
    const readerVersion = subscription.descriptor.versions.find(
      (v) => v.version === subscription.readerVersion,
    )!;
    const writerVersion =
      known?.event === subscription.descriptor.event
        ? known.version
        : Number(headers[HEADER.eventVersion] ?? 0);
    let resolver: Resolver | null = null;
    if (writer !== readerVersion.type) {
      try {
        resolver = readerVersion.type.createResolver(writer);
      } catch (err) {
        throw new PoisonMessageError(
          'unresolvable-writer',
          `${subscription.descriptor.event} v${readerVersion.version} cannot read writer schema ${schemaId}${writerVersion ? ` (v${writerVersion})` : ''}: ${errorMessage(err)}`,
          { ...where(), eventType: subscription.descriptor.event, cause: err },
        );
      }
    }
    const reading: Reading = {
      subscription,
      reader: readerVersion.type,
      resolver,
      eventType: subscription.descriptor.event,
      writerVersion,
      readerVersion: subscription.readerVersion,
    };
    if (!byEvent) {
      let byTopic = this.readings.get(schemaId);
      if (!byTopic) this.readings.set(schemaId, (byTopic = new Map()));
      byTopic.set(topic, (byEvent = new Map()));
    }
    byEvent.set(subscription.descriptor.event, reading);
    return reading;
  }

  private eventByRecordName(topic: string, name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    for (const s of this.byTopic.get(topic)?.values() ?? []) {
      if (s.descriptor.versions.some((v) => v.fullName === name)) return s.descriptor.event;
    }
    return undefined;
  }
}
