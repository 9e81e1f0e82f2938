/**
 * `eventc generate --watch`: regenerates whenever a schema or the manifest changes. Bursts
 * of changes (an editor saving several files) are debounced into one run; errors are
 * printed and watching goes on. Changes inside the output folder are ignored.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { EventcError } from '../../errors.js';
import { generateOnce, type GenerateRun } from './generate-run.js';

export const DEBOUNCE_MS = 150;

function describe(err: unknown): string {
  return err instanceof EventcError || err instanceof Error ? err.message : String(err);
}

/** Runs until SIGINT/SIGTERM (or `signal` aborts). */
export async function watchAndGenerate(
  run: GenerateRun,
  outName: string,
  signal?: AbortSignal,
): Promise<void> {
  const targets = run.files.length > 0 ? run.files.map((f) => resolve(run.root, f)) : [run.root];
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
  const outPrefix = relative(run.root, run.outDir);
  const relevant = (file: string | null, base: string): boolean => {
    if (!file) return true;
    const rel = relative(run.root, resolve(base, file));
    if (
      rel === outPrefix ||
      rel.startsWith(`${outPrefix}${sep}`) ||
      rel.split(sep).includes('node_modules')
    ) {
      return false;
    }
    return rel.endsWith('.avsc') || rel.endsWith('eventc.yaml');
  };
  const watchers: FSWatcher[] = targets.map((t) => {
    const base = statSync(t).isDirectory() ? t : dirname(t);
    return watch(t, { recursive: true }, (_event, file) => {
      if (relevant(file, base)) schedule();
    });
  });
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
