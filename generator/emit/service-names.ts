/**
 * The names a service's generated module exports and where it lives: shared by the service
 * emitter and the hand-owned scaffolds that import them, so the two cannot drift apart.
 */
import type { ServiceContract } from '../model/contract.js';
import { camelCase, pascalCase } from './names.js';

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
    modulePath: `services/${base.replace(/^./, (c) => c.toLowerCase())}.ts`,
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
