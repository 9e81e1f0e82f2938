/**
 * The schema-id cache over the registry. Publishers resolve the id of each event version
 * (subject + schema) once, at start-up, and publish from the cache afterwards; consumers fetch
 * each writer schema by id once. Ids of versions the process knows are seeded with their
 * schema text, so the writer types of those need no registry call at all.
 */
import type { Type } from 'avsc';
import { avroType } from '../codec/avro-type.js';
import type { PinnedIds } from './lockfile.js';
import type { RegistryClient } from './client.js';

export interface SchemaCacheOptions {
  /** Register schemas that are not registered yet (local development only). Default false. */
  autoRegister?: boolean;
  /** Ids from a lock file: no registry lookup; a schema not in it fails (see `runtime/registry/lockfile.ts`). */
  pinned?: PinnedIds;
}

export class SchemaCache {
  private readonly ids = new Map<string, number>();
  private readonly pendingIds = new Map<string, Promise<number>>();
  private readonly texts = new Map<number, string>();
  private readonly types = new Map<number, Type>();
  private readonly pendingTypes = new Map<number, Promise<Type>>();

  constructor(
    readonly http: RegistryClient,
    private readonly options: SchemaCacheOptions = {},
  ) {}

  /** The cached id of `schema` under `subject`, if it was resolved before. */
  cachedId(subject: string, schema: string): number | undefined {
    return this.ids.get(idKey(subject, schema));
  }

  /** The id of `schema` under `subject`: from the cache, else looked up (or registered). */
  resolveId(subject: string, schema: string): Promise<number> {
    const key = idKey(subject, schema);
    const cached = this.ids.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.pendingIds.get(key);
    if (!pending) {
      pending = this.fetchId(subject, schema).then(
        (id) => {
          this.ids.set(key, id);
          this.texts.set(id, schema);
          this.pendingIds.delete(key);
          return id;
        },
        (err: unknown) => {
          this.pendingIds.delete(key);
          throw err;
        },
      );
      this.pendingIds.set(key, pending);
    }
    return pending;
  }

  /** Seeds the writer type of `id` with a type built already (the event version's own). */
  seedType(id: number, type: Type): void {
    if (!this.types.has(id)) this.types.set(id, type);
  }

  /** The writer type with this id, cached after the first call. */
  writerType(id: number): Type | Promise<Type> {
    const cached = this.types.get(id);
    if (cached) return cached;
    let pending = this.pendingTypes.get(id);
    if (!pending) {
      pending = this.fetchType(id).then(
        (type) => {
          this.types.set(id, type);
          this.pendingTypes.delete(id);
          return type;
        },
        (err: unknown) => {
          this.pendingTypes.delete(id);
          throw err;
        },
      );
      this.pendingTypes.set(id, pending);
    }
    return pending;
  }

  private async fetchId(subject: string, schema: string): Promise<number> {
    if (this.options.pinned) return this.options.pinned.require(subject, schema);
    if (this.options.autoRegister) return this.http.register(subject, schema);
    return this.http.idOf(subject, schema);
  }

  private async fetchType(id: number): Promise<Type> {
    const text = this.texts.get(id) ?? (await this.http.schemaById(id));
    return avroType(text);
  }
}

function idKey(subject: string, schema: string): string {
  return `${subject}\u0000${schema}`;
}
