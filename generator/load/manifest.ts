/**
 * `eventc.yaml`, the project manifest: parsed and validated on its own, without reading
 * any other file. Checks that need the schema files (versions, key fields) happen when the
 * contract is built.
 */
import { InputError } from '../errors.js';
import {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  type RegistryConfig,
  type SubjectNameStrategy,
  type TopicsConfig,
} from '../model/contract.js';
import { ManifestChecker } from './manifest-check.js';
import type { YamlObject } from './manifest-check.js';
import { didYouMean } from './names.js';
import { readTopics } from './topics.js';
import { YamlSource } from './yaml-source.js';
import type { KeyPath } from './yaml-source.js';

export { COMPATIBILITY_LEVELS };

export const SUBJECT_NAME_STRATEGIES: readonly SubjectNameStrategy[] = [
  'TopicNameStrategy',
  'RecordNameStrategy',
  'TopicRecordNameStrategy',
];

export const DEFAULT_REGISTRY: RegistryConfig = {
  urlEnv: 'EVENTC_REGISTRY_URL',
  defaultUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  subjectNameStrategy: 'TopicNameStrategy',
};

/** A service's use of an event; `version` absent means the latest. */
export interface ManifestEventUse {
  event: string;
  version?: number;
  path: KeyPath;
}

export interface ManifestEvent {
  name: string;
  /** Relative to the schema root. */
  folder: string;
  topic: string;
  /** `schema` is relative to the schema root. */
  key?: { field: string } | { schema: string };
  compatibility?: CompatibilityLevel;
  path: KeyPath;
}

export interface ManifestService {
  name: string;
  produces: ManifestEventUse[];
  consumes: ManifestEventUse[];
  path: KeyPath;
}

export interface Manifest {
  file: string;
  /** Schema root, relative to the project root. */
  schemas: string;
  registry: RegistryConfig;
  compatibility: CompatibilityLevel;
  events: ManifestEvent[];
  services: ManifestService[];
  /** `lint: { disable: [RULE_ID, ...] }`: lint rules turned off. */
  lint: { disable: string[] };
  /** `topicDefaults` and `topics`: how the topics are created and kept. */
  topics: TopicsConfig;
  /** The parsed file, to report later problems with line and column. */
  source: YamlSource;
}

const EVENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A service name: a DNS label (it names Kubernetes objects), at most 63 characters. */
export const SERVICE_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_RULE =
  'an environment variable name has letters, digits and "_" and does not start with a digit';
const URL = /^https?:\/\/[^\s/]+(\/[^\s]*)?$/;
/** Kafka's own rule for topic names. */
const TOPIC = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,249}$/;
const TOPIC_RULE =
  'a Kafka topic name has 1 to 249 of the characters a-z A-Z 0-9 . _ - and is not "." or ".."';

const AUTH_KEYS = {
  basic: ['kind', 'usernameEnv', 'passwordEnv'],
  bearer: ['kind', 'tokenEnv'],
  unknown: ['kind', 'usernameEnv', 'passwordEnv', 'tokenEnv'],
} as const;

function readAuth(c: ManifestChecker, value: unknown, path: KeyPath): RegistryConfig['auth'] {
  const raw = typeof value === 'object' && value !== null ? (value as YamlObject).kind : undefined;
  const kind = raw === 'basic' || raw === 'bearer' ? raw : undefined;
  const keys = AUTH_KEYS[kind ?? 'unknown'];
  const obj = c.object(value, path, keys, kind ? keys : ['kind']);
  if (!obj) return undefined;
  if (!kind) {
    c.oneOf(obj.kind, [...path, 'kind'], ['basic', 'bearer']);
    return undefined;
  }
  const env = (key: string): string | undefined =>
    c.string(obj[key], [...path, key], ENV_NAME, ENV_RULE);
  if (kind === 'bearer') {
    const tokenEnv = env('tokenEnv');
    return tokenEnv ? { kind, tokenEnv } : undefined;
  }
  const usernameEnv = env('usernameEnv');
  const passwordEnv = env('passwordEnv');
  return usernameEnv && passwordEnv ? { kind, usernameEnv, passwordEnv } : undefined;
}

function readRegistry(c: ManifestChecker, value: unknown): RegistryConfig {
  if (value === undefined || value === null) return { ...DEFAULT_REGISTRY };
  const path = ['registry'];
  const obj = c.object(value, path, ['urlEnv', 'defaultUrl', 'subjectNameStrategy', 'auth']);
  if (!obj) return { ...DEFAULT_REGISTRY };
  const config: RegistryConfig = {
    urlEnv:
      c.string(obj.urlEnv, [...path, 'urlEnv'], ENV_NAME, ENV_RULE) ?? DEFAULT_REGISTRY.urlEnv,
    defaultUrl:
      c.string(
        obj.defaultUrl,
        [...path, 'defaultUrl'],
        URL,
        'must be an http:// or https:// URL',
      ) ?? DEFAULT_REGISTRY.defaultUrl,
    subjectNameStrategy:
      c.oneOf(obj.subjectNameStrategy, [...path, 'subjectNameStrategy'], SUBJECT_NAME_STRATEGIES) ??
      DEFAULT_REGISTRY.subjectNameStrategy,
  };
  const auth =
    obj.auth === undefined || obj.auth === null
      ? undefined
      : readAuth(c, obj.auth, [...path, 'auth']);
  if (auth) config.auth = auth;
  return config;
}

function readKey(c: ManifestChecker, value: unknown, path: KeyPath): ManifestEvent['key'] {
  if (value === undefined || value === null) return undefined;
  const obj = c.object(value, path, ['field', 'schema']);
  if (!obj) return undefined;
  if ((obj.field === undefined) === (obj.schema === undefined)) {
    c.report(
      path,
      'give exactly one of "field" (a field of the event record) or "schema" (a key schema file)',
    );
    return undefined;
  }
  if (obj.field !== undefined) {
    const field = c.string(obj.field, [...path, 'field'], EVENT_NAME, 'must be an Avro field name');
    return field === undefined ? undefined : { field };
  }
  const schema = c.relativePath(obj.schema, [...path, 'schema']);
  return schema === undefined ? undefined : { schema };
}

function readEvent(c: ManifestChecker, value: unknown, path: KeyPath): ManifestEvent | undefined {
  const obj = c.object(
    value,
    path,
    ['name', 'folder', 'topic', 'key', 'compatibility'],
    ['name', 'folder', 'topic'],
  );
  if (!obj) return undefined;
  const name = c.string(
    obj.name,
    [...path, 'name'],
    EVENT_NAME,
    'an event name has letters, digits and "_" and does not start with a digit',
  );
  const folder = c.relativePath(obj.folder, [...path, 'folder']);
  const topic = c.string(obj.topic, [...path, 'topic'], TOPIC, TOPIC_RULE);
  const key = readKey(c, obj.key, [...path, 'key']);
  const compatibility = c.oneOf(
    obj.compatibility,
    [...path, 'compatibility'],
    COMPATIBILITY_LEVELS,
  );
  if (name === undefined || folder === undefined || topic === undefined) return undefined;
  const event: ManifestEvent = { name, folder, topic, path };
  if (key) event.key = key;
  if (compatibility) event.compatibility = compatibility;
  return event;
}

function readUses(c: ManifestChecker, value: unknown, path: KeyPath): ManifestEventUse[] {
  return c.list(value, path).flatMap((item, i): ManifestEventUse[] => {
    const at = [...path, i];
    if (typeof item === 'string') return [{ event: item, path: at }];
    const obj = c.object(item, at, ['event', 'version'], ['event']);
    const event = c.string(obj?.event, [...at, 'event']);
    const version = c.positiveInt(obj?.version, [...at, 'version']);
    if (event === undefined) return [];
    return [version === undefined ? { event, path: at } : { event, version, path: at }];
  });
}

function readService(
  c: ManifestChecker,
  value: unknown,
  path: KeyPath,
): ManifestService | undefined {
  const obj = c.object(value, path, ['name', 'produces', 'consumes'], ['name']);
  if (!obj) return undefined;
  const name = c.string(
    obj.name,
    [...path, 'name'],
    SERVICE_NAME,
    'a service name is lower-case letters, digits and "-" (a DNS label, at most 63 characters)',
  );
  const produces = readUses(c, obj.produces, [...path, 'produces']);
  const consumes = readUses(c, obj.consumes, [...path, 'consumes']);
  return name === undefined ? undefined : { name, produces, consumes, path };
}

/** Reports names used twice in `items`. */
function checkUnique<T extends { path: KeyPath }>(
  c: ManifestChecker,
  items: T[],
  keyOf: (item: T) => string,
  what: string,
  field: string,
): void {
  const seen = new Map<string, T>();
  for (const item of items) {
    const first = seen.get(keyOf(item));
    if (first)
      c.report(
        [...item.path, field],
        `${what} ${JSON.stringify(keyOf(item))} is already used at line ${c.source.locate(first.path)?.split(':')[0] ?? '?'}`,
      );
    else seen.set(keyOf(item), item);
  }
}

/** Checks the services' event names against `events`: every name the manifest declares. */
function checkServices(c: ManifestChecker, manifest: Manifest, events: string[]): void {
  for (const service of manifest.services) {
    for (const role of ['produces', 'consumes'] as const) {
      for (const use of service[role]) {
        if (!events.includes(use.event)) {
          c.report(
            use.path,
            `unknown event ${JSON.stringify(use.event)}.${didYouMean(use.event, events) || ` Events: ${events.join(', ')}.`}`,
          );
        }
      }
      checkUnique(
        c,
        service[role],
        (u) => u.event,
        `event ${role === 'produces' ? 'produced' : 'consumed'}`,
        'event',
      );
    }
  }
}

/** `lint: { disable: [...] }`; rule ids are checked by `eventc lint`, which knows them. */
function readLint(c: ManifestChecker, value: unknown): Manifest['lint'] {
  if (value === undefined) return { disable: [] };
  const obj = c.object(value, ['lint'], ['disable']) ?? {};
  const disable = c
    .list(obj.disable ?? [], ['lint', 'disable'])
    .flatMap(
      (rule, i) =>
        c.string(
          rule,
          ['lint', 'disable', i],
          /^[A-Z][A-Z0-9_]*$/,
          'a rule id such as FIELD_DOC',
        ) ?? [],
    );
  return { disable };
}

/**
 * Parses and validates `eventc.yaml`, keeping its problems in `manifest.source.problems`
 * instead of throwing, so that `buildContract` reports them together with the problems
 * that need the schema files (a version pin, a key field). Throws only for YAML syntax.
 */
export function readManifest(text: string, file: string): Manifest {
  const source = new YamlSource(text, file);
  const c = new ManifestChecker(source);
  const top = [
    'schemas',
    'registry',
    'compatibility',
    'events',
    'services',
    'lint',
    'topicDefaults',
    'topics',
  ];
  const obj: YamlObject = c.object(source.value, [], top, ['events']) ?? {};
  const manifest: Manifest = {
    file,
    schemas: c.relativePath(obj.schemas ?? 'schemas', ['schemas']) ?? 'schemas',
    registry: readRegistry(c, obj.registry),
    compatibility:
      c.oneOf(obj.compatibility, ['compatibility'], COMPATIBILITY_LEVELS) ?? 'BACKWARD',
    events: c.list(obj.events, ['events']).flatMap((e, i) => readEvent(c, e, ['events', i]) ?? []),
    services: c
      .list(obj.services, ['services'])
      .flatMap((s, i) => readService(c, s, ['services', i]) ?? []),
    lint: readLint(c, obj.lint),
    topics: { defaults: {}, byTopic: {} },
    source,
  };
  manifest.topics = readTopics(c, obj.topicDefaults, obj.topics, [
    ...new Set(manifest.events.map((e) => e.topic)),
  ]);
  checkUnique(c, manifest.events, (e) => e.name, 'event name', 'name');
  checkUnique(c, manifest.events, (e) => e.folder, 'folder', 'folder');
  if (manifest.registry.subjectNameStrategy === 'TopicNameStrategy') {
    checkUnique(
      c,
      manifest.events,
      (e) => e.topic,
      'topic (with TopicNameStrategy each event needs its own topic)',
      'topic',
    );
  }
  checkUnique(c, manifest.services, (s) => s.name, 'service name', 'name');
  // Names of events that have other problems still count, so a service using one is not
  // reported a second time.
  const declared = (Array.isArray(obj.events) ? (obj.events as unknown[]) : [])
    .flatMap((e) => (typeof e === 'object' && e !== null ? [(e as YamlObject).name] : []))
    .filter((n): n is string => typeof n === 'string');
  checkServices(c, manifest, declared);
  return manifest;
}

/** Parses and validates `eventc.yaml`; throws InputError listing every problem. */
export function parseManifest(text: string, file: string): Manifest {
  const manifest = readManifest(text, file);
  if (manifest.source.problems.length > 0) throw new InputError(manifest.source.problems);
  return manifest;
}
