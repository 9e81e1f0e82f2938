/**
 * `eventc/runtime/codegen`: what generated modules (`generated/events/*.ts`,
 * `generated/services/*.ts`) import, and nothing else. Services import `eventc/runtime`.
 */
export { defineEvent } from '../descriptor.js';
export type { EventDescriptor, EventVersionDescriptor } from '../descriptor.js';
export type { EventcClient } from '../client.js';
export { avroCodec, avroType, type AvroCodec, type Duration } from '../codec/avro-type.js';
export { Publisher, type PublishOptions, type PublishResult } from '../producer/publisher.js';
export { Consumer, type ConsumerOptions } from '../consumer/consumer.js';
export { subscribe, type EventContext } from '../consumer/context.js';
