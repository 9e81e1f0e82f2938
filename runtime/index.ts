/**
 * The public entry of the eventc runtime, for services and their tests. Generated code
 * imports the smaller `eventc/runtime/codegen` instead. Each subsystem has its own folder and
 * `index.ts`: `codec/`, `registry/`, `producer/`, `consumer/`, `envelope/`, `service/`,
 * `observability/`; the client, the errors and the event descriptors stay at the top.
 */
export { defineEvent, eventOf } from './descriptor.js';
export type {
  EventDescriptor,
  EventVersion,
  EventVersionDescriptor,
  ReadableVersion,
  WritableVersion,
} from './descriptor.js';
export { EventcClient, type EventcClientConfig } from './client.js';
export {
  EventcRuntimeError,
  EventValidationError,
  WireFormatError,
  RegistryError,
  RegistryUnavailableError,
  RegistryRequestError,
  RegistryRouteError,
  RegistryConfigError,
  SchemaNotRegisteredError,
  UnknownSchemaIdError,
  PoisonMessageError,
  HandlerFailedError,
  PublishError,
  ClientStateError,
  isRetriable,
  type ErrorContext,
  type RegistryErrorOptions,
  type FieldProblem,
  type PoisonReason,
  type WrittenEvent,
  type UnwrittenEvent,
} from './errors.js';
export * from './codec/index.js';
export * from './registry/index.js';
export * from './producer/index.js';
export * from './consumer/index.js';
export * from './envelope/index.js';
export * from './service/index.js';
export * from './observability/index.js';
