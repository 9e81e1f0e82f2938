/**
 * The public entry of the eventc runtime. Generated code imports only this module.
 */
export type { EventDescriptor, EventVersionDescriptor } from './descriptor.js';
