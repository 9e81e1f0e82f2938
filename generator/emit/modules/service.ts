/**
 * One service of the manifest → `services/<service>.ts`: its producers (a `Publisher` per
 * event it produces, and no others), its handler interface (one method per consumed event,
 * so a missing handler does not compile) and a consumer factory. Handlers get a context
 * whose producers publish with the handled event as their cause (correlation id, causation
 * id and trace context carried over).
 */
import type { EventContract, ServiceContract } from '../../model/contract.js';
import { eventIdentifier, versionSchemaName } from './event.js';
import { handlerMethod, serviceNames } from '../service-names.js';
import { importsFrom, runtimeImports } from '../imports.js';
import type { ModuleModel, ServiceBlock } from '../model.js';
import { camelCase, docLines } from '../names.js';

export function emitService(
  service: ServiceContract,
  events: ReadonlyMap<string, EventContract>,
): ModuleModel {
  const names = serviceNames(service);
  const find = (name: string): EventContract => {
    const e = events.get(name);
    if (!e) throw new Error(`internal error: service ${service.name} uses unknown event ${name}`);
    return e;
  };
  const imports = new Map<string, { values: Set<string>; types: Set<string> }>();
  const use = (event: EventContract, value: string, type: string): void => {
    const id = eventIdentifier(event);
    const entry = imports.get(id) ?? { values: new Set(), types: new Set() };
    entry.values.add(value);
    entry.types.add(type);
    imports.set(id, entry);
  };
  const produces = [...service.produces]
    .sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : a.version - b.version))
    .map((p) => {
      const e = find(p.event);
      const id = eventIdentifier(e);
      const writeType = `${id}V${p.version}Input`;
      const descriptor = versionSchemaName(e, p.version);
      use(e, descriptor, writeType);
      return {
        key: camelCase(e.name),
        writeType,
        descriptor,
        docLines: docLines(undefined, [
          `Publishes \`${e.name}\` version ${p.version} to \`${e.topic}\`.`,
        ]),
      };
    });
  const consumes = [...service.consumes]
    .sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : a.version - b.version))
    .map((c) => {
      const e = find(c.event);
      const id = eventIdentifier(e);
      const readType = `${id}V${c.version}`;
      const descriptor = versionSchemaName(e, c.version);
      use(e, descriptor, readType);
      return {
        method: handlerMethod(e.name),
        readType,
        descriptor,
        docLines: docLines(undefined, [
          `Handles \`${e.name}\` from \`${e.topic}\`, read as version ${c.version} whatever compatible version was written.`,
        ]),
      };
    });
  const hasProducers = produces.length > 0;
  const hasConsumer = consumes.length > 0;
  const block: ServiceBlock = {
    kind: 'service',
    name: service.name.replace(/[^\w.-]/g, '_'),
    article: /^[aeiou]/i.test(service.name) ? 'an' : 'a',
    producersName: names.producers,
    createProducersName: names.createProducers,
    handlerProducersName: names.handlerProducers,
    contextName: names.context,
    contextFactoryName: names.contextFactory,
    handlersName: names.handlers,
    createConsumerName: names.createConsumer,
    produces,
    consumes,
    hasProducers,
    hasConsumer,
  };
  const runtimeValues = [
    ...(hasProducers ? ['Publisher'] : []),
    ...(hasConsumer ? ['Consumer', 'subscribe'] : []),
  ];
  const runtimeTypes = [
    'EventcClient',
    ...(hasConsumer ? ['ConsumerOptions', 'EventContext'] : []),
    ...(hasConsumer && hasProducers ? ['PublishOptions', 'PublishResult'] : []),
  ];
  const eventImports = [...imports.keys()]
    .sort()
    .flatMap((id) =>
      importsFrom(`../events/${id}.js`, imports.get(id)!.values, imports.get(id)!.types),
    );
  return {
    path: names.modulePath,
    sources: [],
    imports: [...runtimeImports(runtimeValues, runtimeTypes), ...eventImports],
    blocks: [block],
  };
}
