/**
 * Builds small contracts in a temporary project for the registry tests: events on topics
 * with a unique prefix, so each test run has subjects of its own in the shared registry.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSchema } from '../../../generator/load/index.js';
import type {
  CompatibilityLevel,
  Contract,
  EventContract,
} from '../../../generator/model/contract.js';
import { registryUrl } from '../../support/env.js';
import { uniqueName } from '../../support/names.js';

export const REGISTRY_URL = registryUrl;

/** A topic prefix of this test's own, so its subjects are new in the shared registry. */
export function uniquePrefix(): string {
  return uniqueName('it-reg');
}

export interface EventSpec {
  name: string;
  topic: string;
  level: CompatibilityLevel;
  /** Schema JSON of v1, v2, ... */
  versions: object[];
  keySchema?: object;
}

export function makeContract(events: EventSpec[]): Contract {
  const root = mkdtempSync(path.join(tmpdir(), 'eventc-reg-'));
  const toEvent = (e: EventSpec): EventContract => {
    const folder = `schemas/test/${e.name}`;
    const event: EventContract = {
      name: e.name,
      folder,
      topic: e.topic,
      compatibility: e.level,
      versions: e.versions.map((json, i) => {
        const file = `${folder}/v${i + 1}.avsc`;
        return { version: i + 1, file, schema: parseSchema(JSON.stringify(json), file) };
      }),
    };
    if (e.keySchema) {
      const file = `${folder}/key.avsc`;
      event.key = { file, schema: parseSchema(JSON.stringify(e.keySchema), file) };
    }
    return event;
  };
  return {
    root,
    manifestFile: 'eventc.yaml',
    schemaRoot: 'schemas',
    registry: {
      urlEnv: 'EVENTC_REGISTRY_URL',
      defaultUrl: REGISTRY_URL,
      subjectNameStrategy: 'TopicNameStrategy',
    },
    compatibility: 'BACKWARD',
    events: events.map(toEvent),
    services: [],
    lint: { disable: [] },
    topics: { defaults: {}, byTopic: {} },
  };
}

const orderFields = [
  { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
  { name: 'amount', type: 'double' },
];

/** OrderPlaced versions: v2 adds a field with a default; `bad` changes a type. */
export const order = {
  v1: { type: 'record', name: 'OrderPlaced', namespace: 'com.test', fields: orderFields },
  v2: {
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'com.test',
    fields: [...orderFields, { name: 'currency', type: 'string', default: 'EUR' }],
  },
  v3: {
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'com.test',
    fields: [
      ...orderFields,
      { name: 'currency', type: 'string', default: 'EUR' },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  },
  /** `amount` becomes a string: v1..v3 data cannot be read. */
  bad: {
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'com.test',
    fields: [
      { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'amount', type: 'string' },
      { name: 'currency', type: 'string', default: 'EUR' },
    ],
  },
};

export const shipment = {
  v1: {
    type: 'record',
    name: 'ShipmentSent',
    namespace: 'com.test',
    fields: [
      { name: 'orderId', type: 'string' },
      { name: 'carrier', type: { type: 'enum', name: 'Carrier', symbols: ['DHL', 'UPS'] } },
    ],
  },
};

/**
 * A copy of the example project (its schemas, no lock files, and eventc.yaml) in a new
 * folder, with every topic, in `events` and in `topics`, under a prefix of its own.
 */
export function exampleProjectCopy(prefix: string, tmpPrefix: string): string {
  const repo = path.resolve(import.meta.dirname, '../../..');
  const dir = mkdtempSync(path.join(tmpdir(), tmpPrefix));
  cpSync(path.join(repo, 'schemas'), path.join(dir, 'schemas'), {
    recursive: true,
    filter: (src) => !/eventc\.lock\./.test(src),
  });
  const manifest = readFileSync(path.join(repo, 'eventc.yaml'), 'utf8')
    .replace(/topic: /g, `topic: ${prefix}.`)
    .replace(/^ {2}(shop\.[\w.-]+):$/gm, `  ${prefix}.$1:`);
  writeFileSync(path.join(dir, 'eventc.yaml'), manifest);
  return dir;
}
