/**
 * The names a service's generated module exports, shared by the service emitter and the
 * scaffolds that import them, so the two cannot drift apart.
 */
import type { ServiceContract } from '../model/contract.js';
import { camelCase, pascalCase } from '../emit/names.js';

export interface ServiceNames {
  /** `InventoryService`: prefix of every exported name. */
  prefix: string;
  /** Path of the generated module relative to the output folder: `services/inventory.ts`. */
  modulePath: string;
  producers: string;
  createProducers: string;
  handlerProducers: string;
  context: string;
  contextFactory: string;
  handlers: string;
  createConsumer: string;
}

export function serviceNames(service: Pick<ServiceContract, 'name'>): ServiceNames {
  const base = pascalCase(service.name);
  const prefix = base.endsWith('Service') ? base : `${base}Service`;
  return {
    prefix,
    modulePath: `services/${camelCase(service.name)}.ts`,
    producers: `${prefix}Producers`,
    createProducers: `create${prefix}Producers`,
    handlerProducers: `${prefix}HandlerProducers`,
    context: `${prefix}Context`,
    contextFactory: `${camelCase(prefix)}Context`,
    handlers: `${prefix}Handlers`,
    createConsumer: `create${prefix}Consumer`,
  };
}

/** The handler method of an event: `onOrderCreated`. */
export function handlerMethod(event: string): string {
  return `on${pascalCase(event)}`;
}

/** The file of an event's handler in a service folder: `on-order-created.ts`. */
export function handlerFile(event: string): string {
  const words = event
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  return `on-${words.join('-')}.ts`;
}
