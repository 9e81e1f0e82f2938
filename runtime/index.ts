/**
 * The public entry of the eventc runtime. Generated code imports only this module.
 */
export type { EventDescriptor, EventVersionDescriptor } from './descriptor.js';
export { avroType, LongRangeError, type AvroTypeOptions, type Duration } from './codec.js';
