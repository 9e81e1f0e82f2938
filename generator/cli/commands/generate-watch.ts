/**
 * `eventc generate --watch`: regenerates whenever a schema or the manifest changes. Bursts
 * of changes (an editor saving several files) are debounced into one run; errors are
 * printed and watching goes on. Only the inputs are watched: the manifest's folder (not
 * recursively) and the schema folder, or the given files and folders, never the output or
 * `node_modules`.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { EventcError } from '../../errors.js';
import { loadContract } from '../../load/index.js';
import { generateOnce, type GenerateRun } from './generate-run.js';

export const DEBOUNCE_MS = 150;

interface Target {
  path: string;
  recursive: boolean;
  /** Which changed names count (schema files, or one given file). */
  accept: (name: string) => boolean;
}

function describe(err: unknown): string {
  return err instanceof EventcError || err instanceof Error ? err.message : String(err);
}

const isSchema = (name: string): boolean => name.endsWith('.avsc');

async function watchTargets(run: GenerateRun): Promise<Target[]> {
  if (run.files.length > 0) {
    return run.files.map((f) => {
      const path = resolve(run.root, f);
      if (statSync(path).isDirectory()) return { path, recursive: true, accept: isSchema };
      return { path: dirname(path), recursive: false, accept: (n) => n === basename(path) };
    });
  }
  let schemaRoot = 'schemas';
  try {
    schemaRoot = (await loadContract(run.root)).schemaRoot;
  } catch {
    // Reported by the first run; watch the usual folder meanwhile.
  }
  return [
    { path: run.root, recursive: false, accept: (n) => n === 'eventc.yaml' },
    { path: resolve(run.root, schemaRoot), recursive: true, accept: isSchema },
  ];
}

/** Runs until SIGINT/SIGTERM (or `signal` aborts). */
export async function watchAndGenerate(
  run: GenerateRun,
  outName: string,
  signal?: AbortSignal,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const regenerate = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      process.stdout.write(`eventc: ${await generateOnce(run, outName)}\n`);
    } catch (err) {
      process.stderr.write(`eventc: ${describe(err)}\n`);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void regenerate(), DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const t of await watchTargets(run)) {
    try {
      watchers.push(
        watch(t.path, { recursive: t.recursive }, (_event, file) => {
          if (!file || t.accept(basename(file))) schedule();
        }),
      );
    } catch (err) {
      process.stderr.write(`eventc: cannot watch ${t.path}: ${describe(err)}\n`);
    }
  }
  await regenerate();
  process.stdout.write('eventc: watching for changes (Ctrl-C to stop)\n');
  await new Promise<void>((done) => {
    const stop = (): void => {
      for (const w of watchers) w.close();
      if (timer) clearTimeout(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
