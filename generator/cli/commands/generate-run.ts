/**
 * One run of `eventc generate`: load the inputs, generate in memory, write (or compare).
 * Shared by the plain command and `--watch`.
 */
import { relative, sep } from 'node:path';
import { generate, type GeneratedFile } from '../../generate.js';
import { loadContract } from '../../load/index.js';
import type { Contract } from '../../model/contract.js';
import { writeOutput } from '../../write/writer.js';
import { scaffoldServices } from '../../scaffold/scaffold.js';
import { writeScaffolds } from '../../scaffold/write.js';
import { loadSchemaFiles } from './generate-inputs.js';
import { contractWarnings, reportWarnings, schemaFileWarnings } from './generate-warnings.js';

export interface GenerateRun {
  root: string;
  outDir: string;
  files: string[];
  /** Fail (exit 1, nothing written) instead of warning on compatibility problems. */
  strict?: boolean;
}

/** What a run loaded: the contract in manifest mode, and the files generated from it. */
interface Generated {
  contract?: Contract;
  files: GeneratedFile[];
}

async function load(run: GenerateRun): Promise<Generated> {
  if (run.files.length > 0) {
    const schemas = await loadSchemaFiles(run.root, run.files);
    reportWarnings(
      await schemaFileWarnings(schemas, run.root),
      run.strict === true,
      'the schema files',
    );
    return { files: await generate({ schemas }) };
  }
  const contract = await loadContract(run.root);
  reportWarnings(await contractWarnings(contract), run.strict === true);
  return { contract, files: await generate(contract) };
}

/** Loads the inputs and generates the files, in memory. */
export async function generateFiles(run: GenerateRun): Promise<GeneratedFile[]> {
  return (await load(run)).files;
}

/**
 * Generates and writes once; in manifest mode, also scaffolds the hand-owned service files
 * that do not exist yet. Returns the summary line and one line per scaffolded file.
 */
export async function generateOnce(run: GenerateRun, outName: string): Promise<string> {
  const { contract, files } = await load(run);
  const result = await writeOutput(run.outDir, files);
  const total = result.written.length + result.unchanged.length;
  const summary =
    result.written.length === 0 && result.removed.length === 0
      ? `${outName}/: ${total} files, all up to date`
      : `${outName}/: ${total} files, ${result.written.length} written, ${result.removed.length} removed`;
  const scaffolded = contract ? await scaffold(run, contract) : [];
  return [summary, ...scaffolded].join('\neventc: ');
}

/** Hand-owned service files (entry point, handlers, handler stubs) that do not exist yet. */
async function scaffold(run: GenerateRun, contract: Contract): Promise<string[]> {
  const generatedDir = relative(run.root, run.outDir).split(sep).join('/');
  return writeScaffolds(run.root, await scaffoldServices(contract, { generatedDir }));
}
