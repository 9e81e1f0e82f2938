/**
 * Builds the `Contract` from a parsed manifest and the schema files under the schema
 * root: shared types first, then each event's versions, its key, and the services' uses.
 * Pure: the files come in as a `SourceTree`; `loadContract` does the reading.
 */
import { posix } from 'node:path';
import { InputError } from '../errors.js';
import type { Problem } from '../errors.js';
import type { NamedType, SchemaSet, SchemaWarning } from '../model/avro.js';
import type { Contract, EventContract, EventVersion, ServiceContract } from '../model/contract.js';
import { checkEventKey, readVersionFiles } from './event-files.js';
import type { Manifest, ManifestEventUse, ManifestEvent } from './manifest.js';
import { collect, loadSharedTypes, readSchemaJson } from './shared.js';
import { parseSchemaJson } from './schema.js';

/** The files under the schema root, with project-relative `/`-separated paths. */
export interface SourceTree {
  files: ReadonlyMap<string, Uint8Array | string>;
  /** Every folder under the schema root, and the root itself when it exists. */
  folders: ReadonlySet<string>;
}

/** Folder name holding a domain's shared types: `<schemas>/<domain>/common/*.avsc`. */
export const SHARED_FOLDER = 'common';

function isShared(file: string, schemaRoot: string): boolean {
  const rel = posix.relative(schemaRoot, file).split('/');
  return rel.length === 3 && rel[1] === SHARED_FOLDER && file.endsWith('.avsc');
}

function parseFile(
  tree: SourceTree,
  file: string,
  known: ReadonlyMap<string, NamedType>,
  problems: Problem[],
): SchemaSet | undefined {
  const contents = tree.files.get(file);
  if (contents === undefined) return undefined;
  return collect(problems, () =>
    parseSchemaJson(readSchemaJson({ file, contents }), file, { known }),
  );
}

function buildEvent(
  manifest: Manifest,
  event: ManifestEvent,
  tree: SourceTree,
  known: ReadonlyMap<string, NamedType>,
  problems: Problem[],
  versionCounts: Map<string, number>,
): EventContract | undefined {
  const folder = posix.join(manifest.schemas, event.folder);
  const files = readVersionFiles(manifest, event, folder, tree);
  // Known even when a version does not parse, so a service's version pin is still checked.
  if (files.length > 0) versionCounts.set(event.name, files.length);
  const versions: EventVersion[] = [];
  for (const { version, file } of files) {
    const schema = parseFile(tree, file, known, problems);
    if (!schema) continue;
    const root = schema.root.kind === 'ref' ? schema.named.get(schema.root.name) : undefined;
    if (root?.kind !== 'record') {
      problems.push({ file, pointer: '/', message: 'an event schema must be a record' });
      continue;
    }
    versions.push({ version, file, schema });
  }
  if (versions.length !== files.length || files.length === 0) return undefined;
  const contract: EventContract = {
    name: event.name,
    folder,
    topic: event.topic,
    versions,
    compatibility: event.compatibility ?? manifest.compatibility,
  };
  if (event.key && 'field' in event.key) {
    if (checkEventKey(manifest, event, event.key.field, versions)) contract.key = event.key;
  } else if (event.key) {
    const file = posix.join(manifest.schemas, event.key.schema);
    if (!tree.files.has(file)) {
      manifest.source.report(
        [...event.path, 'key', 'schema'],
        `key schema file ${JSON.stringify(file)} does not exist`,
      );
    }
    const schema = parseFile(tree, file, known, problems);
    if (schema) contract.key = { schema, file };
  }
  return contract;
}

function resolveUse(
  manifest: Manifest,
  use: ManifestEventUse,
  versionCounts: ReadonlyMap<string, number>,
): { event: string; version: number } | undefined {
  const latest = versionCounts.get(use.event);
  if (latest === undefined) return undefined;
  if (use.version === undefined) return { event: use.event, version: latest };
  if (use.version <= latest) return { event: use.event, version: use.version };
  manifest.source.report(
    [...use.path, 'version'],
    `event ${JSON.stringify(use.event)} has no version ${use.version}; its versions are 1..${latest}`,
  );
  return undefined;
}

function buildServices(
  manifest: Manifest,
  versionCounts: ReadonlyMap<string, number>,
): ServiceContract[] {
  const byEvent = (a: { event: string }, b: { event: string }): number =>
    a.event < b.event ? -1 : a.event > b.event ? 1 : 0;
  return manifest.services
    .map((s) => ({
      name: s.name,
      produces: s.produces
        .flatMap((u) => resolveUse(manifest, u, versionCounts) ?? [])
        .sort(byEvent),
      consumes: s.consumes
        .flatMap((u) => resolveUse(manifest, u, versionCounts) ?? [])
        .sort(byEvent),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Builds and validates the contract; throws InputError listing every problem. */
export function buildContract(root: string, manifest: Manifest, tree: SourceTree): Contract {
  const problems: Problem[] = [];
  if (!tree.folders.has(manifest.schemas)) {
    manifest.source.report(
      ['schemas'],
      `schema folder ${JSON.stringify(manifest.schemas)} does not exist`,
    );
  }
  const shared = [...tree.files]
    .filter(([file]) => isShared(file, manifest.schemas))
    .map(([file, contents]) => ({ file, contents }));
  const warnings: SchemaWarning[] = [];
  const known = loadSharedTypes(shared, problems, warnings);
  const events = new Map<string, EventContract>();
  const versionCounts = new Map<string, number>();
  for (const e of manifest.events) {
    const built = buildEvent(manifest, e, tree, known, problems, versionCounts);
    if (built) events.set(built.name, built);
  }
  const services = buildServices(manifest, versionCounts);
  for (const e of events.values()) {
    for (const v of e.versions) warnings.push(...(v.schema.warnings ?? []));
    if (e.key && 'schema' in e.key) warnings.push(...(e.key.schema.warnings ?? []));
  }
  const all = [...manifest.source.problems, ...problems];
  if (all.length > 0) throw new InputError(all);
  return {
    root,
    manifestFile: manifest.file,
    schemaRoot: manifest.schemas,
    registry: manifest.registry,
    compatibility: manifest.compatibility,
    events: [...events.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    services,
    lint: manifest.lint,
    topics: manifest.topics,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
