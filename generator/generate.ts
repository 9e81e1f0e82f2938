/**
 * `generate`: the compiler core. A contract (or plain schema sets) in, the generated files
 * out, sorted by path. Pure: it reads no files and writes none; the CLI and the writer
 * (`generator/write`) do the I/O.
 */
import { InputError } from './errors.js';
import type { SchemaSet } from './model/avro.js';
import type { Contract } from './model/contract.js';
import { emitEvent } from './emit/modules/event.js';
import type { GeneratedFile, ModuleModel } from './emit/model.js';
import { emitPlain } from './emit/modules/plain.js';
import { emitService } from './emit/modules/service.js';
import { renderModule } from './render/render.js';

export type { GeneratedFile } from './emit/model.js';

/** Plain schema files without a manifest: types and codecs only, one module per file. */
export interface SchemaFiles {
  schemas: readonly SchemaSet[];
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Output path of each plain schema file: its path below the files' common folder, `.ts`. */
export function plainPaths(files: readonly string[]): string[] {
  const dirs = files.map((f) => f.split('/').slice(0, -1));
  let common = dirs[0] ?? [];
  for (const d of dirs) {
    let i = 0;
    while (i < common.length && i < d.length && common[i] === d[i]) i++;
    common = common.slice(0, i);
  }
  return files.map((f) =>
    f
      .split('/')
      .slice(common.length)
      .join('/')
      .replace(/\.avsc$/, '')
      .concat('.ts'),
  );
}

function contractModules(contract: Contract, manifest: string): ModuleModel[] {
  const events = new Map(contract.events.map((e) => [e.name, e]));
  return [
    ...contract.events.map((e) => emitEvent(e, contract)),
    ...contract.services.map((s) => ({ ...emitService(s, events), sources: [manifest] })),
  ];
}

function isContract(input: Contract | SchemaFiles): input is Contract {
  return 'events' in input;
}

/**
 * Generates the files for a contract (manifest mode: `events/`, `services/`) or for plain
 * schema files. Same input, same bytes.
 */
export async function generate(
  input: Contract | SchemaFiles,
  options: { manifestPath?: string } = {},
): Promise<GeneratedFile[]> {
  let modules: ModuleModel[];
  if (isContract(input)) {
    modules = contractModules(input, options.manifestPath ?? 'eventc.yaml');
  } else {
    const paths = plainPaths(input.schemas.map((s) => s.file));
    modules = input.schemas.map((s, i) => emitPlain(s, paths[i]!));
  }
  const seen = new Map<string, ModuleModel>();
  for (const m of modules) {
    const other = seen.get(m.path);
    if (other) {
      const from = [...new Set([...other.sources, ...m.sources])];
      throw new InputError([
        {
          file: from.join(', '),
          message: `would both be generated into ${JSON.stringify(m.path)}; rename one of them`,
        },
      ]);
    }
    seen.set(m.path, m);
  }
  const files: GeneratedFile[] = [];
  for (const m of modules) files.push(await renderModule(m));
  return files.sort(byPath);
}
