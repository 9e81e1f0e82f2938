/**
 * What `eventc init` writes into a project: a first `eventc.yaml`, the first event's v1
 * schema, a `tsconfig.json` that builds the services where `eventc up` runs them, and the
 * package scripts. Pure: names in, texts out; `cli/commands/init.ts` does the writing.
 */
import { kebabCase } from '../emit/names.js';
import { SERVICE_NAME } from '../load/manifest.js';

export interface InitOptions {
  /** The first event, PascalCase, e.g. `OrderPlaced`. */
  event: string;
  /** The domain folder under `schemas/` and the topic's prefix, e.g. `shop`. */
  domain: string;
  /** The first service, a DNS label, e.g. `orders`. */
  service: string;
  /** The Avro namespace of the first schema, e.g. `com.example.shop`. */
  namespace: string;
}

export const EVENT_NAME = /^[A-Z][A-Za-z0-9]*$/;
export const DOMAIN_NAME = /^[a-z][a-z0-9-]*$/;
export { SERVICE_NAME };
export const NAMESPACE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A DNS label from a package name: `@acme/Order Service` → `order-service`. */
export function serviceNameOf(packageName: string | undefined): string {
  const base = (packageName ?? '').replace(/^@[^/]*\//, '').toLowerCase();
  const label = base
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return SERVICE_NAME.test(label.slice(0, 63)) ? label.slice(0, 63) : 'app';
}

export function topicOf(o: InitOptions): string {
  return `${o.domain}.${kebabCase(o.event)}`;
}

export function schemaPath(o: InitOptions): string {
  return `schemas/${o.domain}/${o.event}/v1.avsc`;
}

export function manifestText(o: InitOptions): string {
  return `# eventc project manifest: which events exist, where their schemas live, which topic
# carries them, and which service produces and consumes what. The keys are described in
# eventc's docs/contract.md; every eventc command validates this file.

schemas: schemas

registry:
  # The registry URL comes from this variable, else defaultUrl.
  urlEnv: EVENTC_REGISTRY_URL
  defaultUrl: http://127.0.0.1:8081/apis/ccompat/v7
  subjectNameStrategy: TopicNameStrategy

# Every new version must read the previous one (Confluent's default).
compatibility: BACKWARD

# How \`eventc topics\` and \`eventc up\` create the topics, dead-letter topics included.
topicDefaults:
  partitions: 3

events:
  # Versions are files: schemas/${o.domain}/${o.event}/v1.avsc, v2.avsc, ...
  - name: ${o.event}
    folder: ${o.domain}/${o.event}
    topic: ${topicOf(o)}
    key: { field: id }

services:
  # One service that publishes ${o.event} and handles it; split it as the contract grows.
  - name: ${o.service}
    produces: [${o.event}]
    consumes: [${o.event}]
`;
}

export function schemaText(o: InitOptions): string {
  const schema = {
    type: 'record',
    name: o.event,
    namespace: o.namespace,
    doc: `The first event of the ${o.domain} domain; describe what happened and who publishes it.`,
    fields: [
      {
        name: 'id',
        type: { type: 'string', logicalType: 'uuid' },
        doc: 'Identifies the thing that changed; also the Kafka key.',
      },
      {
        name: 'occurredAt',
        type: { type: 'long', logicalType: 'timestamp-millis' },
        doc: 'When it happened.',
      },
    ],
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Builds `generated/` and `services/` into `dist/`, where `eventc up` starts the services. */
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      verbatimModuleSyntax: true,
      sourceMap: true,
      rootDir: '.',
      outDir: 'dist',
    },
    include: ['generated', 'services'],
  },
  null,
  2,
)}\n`;

/** The scripts `eventc init` adds, each only where the package has no script of that name. */
export const SCRIPTS: Readonly<Record<string, string>> = {
  build: 'tsc -p tsconfig.json',
  'eventc:generate': 'eventc generate',
  'eventc:check': 'eventc check && eventc generate --check',
  'eventc:topics': 'eventc topics',
  'eventc:register': 'eventc register',
  'eventc:up': 'npm run build && eventc up',
};
