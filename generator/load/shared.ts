/**
 * Shared named types (`schemas/<domain>/common/*.avsc`): loaded before the event schemas,
 * each file after the files whose types it references, and handed to every event schema
 * as `known` types resolved by full name.
 */
import { InputError } from '../errors.js';
import type { Problem } from '../errors.js';
import type { NamedType, SchemaSet, SchemaWarning } from '../model/avro.js';
import { parseJson } from './json.js';
import { decodeUtf8 } from './utf8.js';
import type { JsonValue } from './json.js';
import { checkSchemaSize, parseSchemaJson } from './schema.js';
import { scanNames } from './scan.js';

export interface SourceFile {
  /** Path relative to the project root. */
  file: string;
  contents: Uint8Array | string;
}

/** Runs `fn`, moving the problems of an InputError it throws into `problems`. */
export function collect<T>(problems: Problem[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/** Decodes and parses a schema file's JSON, with the size and encoding checks. */
export function readSchemaJson(source: SourceFile): JsonValue {
  const { file, contents } = source;
  checkSchemaSize(contents.length, file);
  const text = typeof contents === 'string' ? contents : decodeUtf8(contents, file);
  return parseJson(text, file);
}

interface Parsed {
  file: string;
  json: JsonValue;
  deps: Set<string>;
}

/** Orders files so each comes after those it depends on; reports cycles. */
function dependencyOrder(files: Parsed[], problems: Problem[]): Parsed[] {
  const done = new Set<string>();
  const order: Parsed[] = [];
  let pending = [...files].sort((a, b) => (a.file < b.file ? -1 : 1));
  while (pending.length > 0) {
    const ready = pending.filter((p) => [...p.deps].every((d) => done.has(d)));
    if (ready.length === 0) {
      for (const p of pending) {
        const deps = [...p.deps].filter((d) => !done.has(d)).join(', ');
        problems.push({
          file: p.file,
          message: `shared types form a cycle across files: this file needs ${deps}, which need it in turn; put mutually recursive types in one file`,
        });
      }
      break;
    }
    for (const p of ready) {
      done.add(p.file);
      order.push(p);
    }
    pending = pending.filter((p) => !done.has(p.file));
  }
  return order;
}

/**
 * Parses schema files in dependency order: each file after the files whose named types it
 * references, with their types as `known`. Returns the schema of each file that parsed;
 * problems (cycles across files included) go to `problems`.
 */
export function parseInDependencyOrder(
  sources: SourceFile[],
  problems: Problem[],
  known: Map<string, NamedType> = new Map(),
): Map<string, SchemaSet> {
  const parsed: Parsed[] = [];
  const definedBy = new Map<string, string>();
  const scans = sources.flatMap((source) => {
    const json = collect(problems, () => readSchemaJson(source));
    if (json === undefined) return [];
    const scan = scanNames(json);
    for (const name of scan.defines.keys())
      if (!definedBy.has(name)) definedBy.set(name, source.file);
    return [{ file: source.file, json, scan }];
  });
  for (const { file, json, scan } of scans) {
    const deps = new Set<string>();
    for (const ref of scan.references) {
      const owner = ref.candidates.map((c) => definedBy.get(c)).find((f) => f !== undefined);
      if (owner !== undefined && owner !== file) deps.add(owner);
    }
    parsed.push({ file, json, deps });
  }
  const sets = new Map<string, SchemaSet>();
  for (const { file, json } of dependencyOrder(parsed, problems)) {
    const set = collect(problems, () => parseSchemaJson(json, file, { known }));
    if (!set) continue;
    sets.set(file, set);
    for (const [name, type] of set.named) {
      if (type.source.file === file) known.set(name, type);
    }
  }
  return sets;
}

/**
 * Loads shared schema files in dependency order; returns every named type they define,
 * keyed by full name. Problems go to `problems`.
 */
export function loadSharedTypes(
  sources: SourceFile[],
  problems: Problem[],
  warnings: SchemaWarning[] = [],
): Map<string, NamedType> {
  const known = new Map<string, NamedType>();
  for (const set of parseInDependencyOrder(sources, problems, known).values()) {
    warnings.push(...(set.warnings ?? []));
  }
  return known;
}
