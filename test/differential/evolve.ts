/**
 * Seeded, deterministic schema evolutions for the differential test: a random schema, then
 * one to three random changes. Each evolution gives two reader/writer pairs (new reads old,
 * old reads new).
 */
import { randomSchema } from './base.js';
import { clone, toJson } from './gen-model.js';
import { MUTATIONS } from './mutations.js';
import { refreshDefaults } from './positions.js';
import { Rng } from './rng.js';

export interface SchemaPair {
  id: string;
  /** The changes made from the old schema to the new one. */
  changes: string[];
  reader: unknown;
  writer: unknown;
}

export interface Evolution {
  id: number;
  changes: string[];
  before: unknown;
  after: unknown;
}

export function evolutions(seed: number, count: number): Evolution[] {
  const rng = new Rng(seed);
  const names = Object.keys(MUTATIONS);
  const out: Evolution[] = [];
  for (let id = 0; out.length < count; id++) {
    const { schema, gen } = randomSchema(rng);
    const next = clone(schema);
    gen.s = next;
    const changes: string[] = [];
    const wanted = rng.int(1, 3);
    for (let tries = 0; changes.length < wanted && tries < 20; tries++) {
      const name = rng.pick(names);
      if (MUTATIONS[name]!(next, gen)) changes.push(name);
    }
    refreshDefaults(next);
    const before = toJson(schema);
    const after = toJson(next);
    if (before !== undefined && after !== undefined) out.push({ id, changes, before, after });
  }
  return out;
}

/** Both directions of every evolution. */
export function schemaPairs(seed: number, count: number): SchemaPair[] {
  return evolutions(seed, count).flatMap((e) => [
    { id: `${e.id}/new-reads-old`, changes: e.changes, reader: e.after, writer: e.before },
    { id: `${e.id}/old-reads-new`, changes: e.changes, reader: e.before, writer: e.after },
  ]);
}
