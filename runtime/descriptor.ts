/**
 * What generated code hands the runtime about each event: the contract of the boundary
 * between `generated/` and `eventc/runtime`. Generated code builds these once per module;
 * the runtime never sees a schema file.
 *
 * Each version's descriptor carries the TypeScript types of that version, so that
 * `new Publisher(client, OrderCreatedV2Schema)` and `subscribe(OrderCreatedV2Schema, handler)`
 * infer them, and a wrong type argument does not compile: the types are invariant, so a
 * `Publisher<T>` or a handler of `T` for another version's type is refused.
 */
import type { Type } from 'avsc';

/** One version of one event, with the codec compiled for it; no TypeScript types. */
export interface EventVersion {
  /** Event name from the manifest, e.g. `OrderCreated`. */
  readonly event: string;
  readonly version: number;
  /** Full name of the Avro record, e.g. `com.shop.orders.OrderCreated`. */
  readonly fullName: string;
  /**
   * The writer schema as JSON text, exactly as `eventc register` registers it: Parsing
   * Canonical Form plus what resolution needs (defaults, aliases, logical types).
   */
  readonly schema: string;
  /** The avsc codec for this version, built by `avroType()` from `eventc/runtime`. */
  readonly type: Type;
}

/** A version whose values handlers read as `TRead`. Phantom: never set at run time. */
export interface ReadableVersion<TRead> extends EventVersion {
  readonly __read?: (value: TRead) => TRead;
}

/** A version whose values publishers write as `TWrite`. Phantom: never set at run time. */
export interface WritableVersion<TWrite> extends EventVersion {
  readonly __write?: (value: TWrite) => TWrite;
}

/** One version of one event with its read and write types, as generated code declares it. */
export interface EventVersionDescriptor<TRead = unknown, TWrite = TRead>
  extends ReadableVersion<TRead>, WritableVersion<TWrite> {}

/** One event of the manifest: its topic, subject and every version. */
export interface EventDescriptor {
  readonly event: string;
  readonly topic: string;
  /** Subject of the value schema under the manifest's naming strategy. */
  readonly subject: string;
  /** Versions in ascending order. */
  readonly versions: readonly EventVersion[];
  /** Field of the value record whose value is the Kafka key, when the manifest names one. */
  readonly keyField?: string;
}

const owners = new WeakMap<EventVersion, EventDescriptor>();

/**
 * The descriptor of one event, from its versions' descriptors; afterwards each version knows
 * its event (`eventOf`), so publishers and subscriptions take a version alone.
 */
export function defineEvent<T extends EventDescriptor>(descriptor: T): T {
  for (const v of descriptor.versions) {
    if (v.event !== descriptor.event) {
      throw new TypeError(`${v.event} v${v.version} cannot be a version of ${descriptor.event}`);
    }
    const owner = owners.get(v);
    if (owner && owner !== descriptor) {
      throw new TypeError(`${v.event} v${v.version} already belongs to another descriptor`);
    }
    owners.set(v, descriptor);
  }
  return descriptor;
}

/** The event a version belongs to, as `defineEvent` recorded it. */
export function eventOf(version: EventVersion): EventDescriptor {
  const owner = owners.get(version);
  if (!owner) {
    throw new TypeError(
      `${version.event} v${version.version} belongs to no event descriptor: build the event with defineEvent({ ..., versions: [...] })`,
    );
  }
  return owner;
}
