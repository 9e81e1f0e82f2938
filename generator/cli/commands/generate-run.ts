/**
 * One run of `eventc generate`: load the inputs, generate in memory, write (or compare).
 * Shared by the plain command and `--watch`.
 */
import { relative, sep } from 'node:path';
import { generate, type GeneratedFile } from '../../generate.js';
import { loadContract } from '../../load/index.js';
import { writeOutput } from '../../write/writer.js';
import { scaffoldServices } from '../../scaffold/scaffold.js';
import { writeScaffolds } from '../../scaffold/write.js';
import { loadSchemaFiles } from './generate-inputs.js';

export interface GenerateRun {
  root: string;
  outDir: string;
  files: string[];
}

/** Loads the inputs and generates the files, in memory. */
export async function generateFiles(run: GenerateRun): Promise<GeneratedFile[]> {
  if (run.files.length === 0) return generate(await loadContract(run.root));
  return generate({ schemas: await loadSchemaFiles(run.root, run.files) });
}

/** Generates and writes once; returns a one-line summary. */
export async function generateOnce(run: GenerateRun, outName: string): Promise<string> {
  const result = await writeOutput(run.outDir, await generateFiles(run));
  const total = result.written.length + result.unchanged.length;
  const summary =
    result.written.length === 0 && result.removed.length === 0
      ? `${outName}/: ${total} files, all up to date`
      : `${outName}/: ${total} files, ${result.written.length} written, ${result.removed.length} removed`;
  const scaffolded = run.files.length === 0 ? await scaffold(run) : [];
  return [summary, ...scaffolded].join('\neventc: ');
}

/** Hand-owned service files (entry point, handlers, handler stubs) that do not exist yet. */
async function scaffold(run: GenerateRun): Promise<string[]> {
  const contract = await loadContract(run.root);
  const generatedDir = relative(run.root, run.outDir).split(sep).join('/');
  return writeScaffolds(run.root, await scaffoldServices(contract, { generatedDir }));
}
