/**
 * What generated code hands the runtime about each event: the contract of the boundary
 * between `generated/` and `eventc/runtime`. Generated code builds these once per module;
 * the runtime never sees a schema file.
 */
import type { Type } from 'avsc';

/** One version of one event, with the codec compiled for it. */
export interface EventVersionDescriptor<TRead = unknown, TWrite = TRead> {
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
  /** Phantom fields that carry the TypeScript types; never set at run time. */
  readonly __read?: TRead;
  readonly __write?: TWrite;
}

/** One event of the manifest: its topic, subject and every version. */
export interface EventDescriptor {
  readonly event: string;
  readonly topic: string;
  /** Subject of the value schema under the manifest's naming strategy. */
  readonly subject: string;
  /** Versions in ascending order. */
  readonly versions: readonly EventVersionDescriptor[];
  /** Field of the value record whose value is the Kafka key, when the manifest names one. */
  readonly keyField?: string;
}
