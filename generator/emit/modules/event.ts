/**
 * One event of the manifest → `events/<Event>.ts`: the read and write types of every
 * version (`<Event>V<n>`, `<Event>V<n>Input`), the latest as `<Event>` / `<Event>Input`,
 * one `EventVersionDescriptor` per version with its codec, and the `EventDescriptor`.
 */
import type { Contract, EventContract } from '../../model/contract.js';
import { registrationText } from '../../model/schema-text.js';
import { subjectName } from '../../model/subject.js';
import type { Block, ModuleModel } from '../model.js';
import { camelCase, docLines, pascalCase, stringLiteral } from '../names.js';
import { emitTypes } from './types-module.js';
import { constBlock } from '../const.js';
import { runtimeImports } from '../imports.js';

/** Names generated modules import from `eventc/runtime/codegen`; an event may not take them. */
const RUNTIME_NAMES = new Set([
  'Consumer',
  'ConsumerOptions',
  'Duration',
  'EventContext',
  'EventDescriptor',
  'EventVersionDescriptor',
  'EventcClient',
  'PublishOptions',
  'PublishResult',
  'Publisher',
]);

export function eventIdentifier(event: EventContract): string {
  const id = pascalCase(event.name);
  return RUNTIME_NAMES.has(id) ? `${id}Event` : id;
}

/** The value of the event's descriptor, e.g. `OrderCreatedSchema` (the type is `OrderCreated`). */
export function eventSchemaName(event: EventContract): string {
  return `${eventIdentifier(event)}Schema`;
}

/** The value of one version's descriptor, e.g. `OrderCreatedV2Schema`. */
export function versionSchemaName(event: EventContract, version: number): string {
  return `${eventIdentifier(event)}V${version}Schema`;
}

export function eventModulePath(event: EventContract): string {
  return `events/${eventIdentifier(event)}.ts`;
}

export function emitEvent(event: EventContract, contract: Contract): ModuleModel {
  const id = eventIdentifier(event);
  const versionId = (n: number): string => `${id}V${n}`;
  const reserved = [
    id,
    `${id}Input`,
    eventSchemaName(event),
    'avroType',
    'defineEvent',
    'EventDescriptor',
    'EventVersionDescriptor',
  ];
  for (const v of event.versions) {
    reserved.push(versionSchemaName(event, v.version), `${camelCase(id)}V${v.version}SchemaText`);
  }
  const types = emitTypes(
    event.versions.map((v) => ({
      version: v.version,
      set: v.schema,
      rootName: versionId(v.version),
    })),
    [...reserved, 'Duration'],
  );
  const blocks: Block[] = [...types.blocks];
  // Every version exports a write type under the same name, even when it equals the read type.
  event.versions.forEach((v, i) => {
    const inputName = `${versionId(v.version)}Input`;
    if (types.roots[i]!.write !== inputName) {
      blocks.push({
        kind: 'alias',
        docLines: docLines(undefined, [
          `What a publisher of \`${event.name}\` version ${v.version} writes: the same as \`${types.roots[i]!.write}\`, no field can be left out.`,
        ]),
        name: inputName,
        type: types.roots[i]!.write,
      });
      types.roots[i] = { read: types.roots[i]!.read, write: inputName };
    }
  });
  const latest = types.roots[types.roots.length - 1]!;
  blocks.push(
    {
      kind: 'alias',
      docLines: docLines(undefined, [
        `The latest version of \`${event.name}\` as handlers read it: \`${latest.read}\`.`,
      ]),
      name: id,
      type: latest.read,
    },
    {
      kind: 'alias',
      docLines: docLines(undefined, [
        `The latest version of \`${event.name}\` as publishers write it: \`${latest.write}\`.`,
      ]),
      name: `${id}Input`,
      type: latest.write,
    },
  );
  event.versions.forEach((v, i) => {
    const schemaConst = `${camelCase(id)}V${v.version}SchemaText`;
    const root = v.schema.root;
    blocks.push(
      {
        ...constBlock(false, schemaConst, stringLiteral(registrationText(v.schema))),
      },
      {
        kind: 'descriptor',
        docLines: docLines(undefined, [`\`${event.name}\` version ${v.version}, from ${v.file}.`]),
        name: versionSchemaName(event, v.version),
        readType: types.roots[i]!.read,
        writeType: types.roots[i]!.write,
        event: stringLiteral(event.name),
        version: v.version,
        fullName: stringLiteral(root.kind === 'ref' ? root.name : ''),
        schemaConst,
      },
    );
  });
  const latestSet = event.versions[event.versions.length - 1]!.schema;
  blocks.push({
    kind: 'event',
    docLines: docLines(undefined, [
      `\`${event.name}\` on topic \`${event.topic}\`: every version.`,
    ]),
    name: eventSchemaName(event),
    event: stringLiteral(event.name),
    topic: stringLiteral(event.topic),
    subject: stringLiteral(
      subjectName(contract.registry.subjectNameStrategy, event.topic, 'value', latestSet),
    ),
    versions: event.versions.map((v) => versionSchemaName(event, v.version)).join(', '),
    keyField: event.key && 'field' in event.key ? stringLiteral(event.key.field) : null,
  });
  return {
    path: eventModulePath(event),
    sources: event.versions.map((v) => v.file),
    imports: runtimeImports(
      ['avroType', 'defineEvent'],
      ['EventDescriptor', 'EventVersionDescriptor', ...types.runtimeTypes],
    ),
    blocks,
  };
}
