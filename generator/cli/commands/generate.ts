/**
 * `eventc generate`: the compiler's command. With no files it reads `eventc.yaml` and writes
 * `generated/` (event types, codecs, descriptors, service producers and handler interfaces);
 * with `.avsc` files or folders it writes their types and codecs to `--out`. The output
 * folder is replaced atomically and only when something changed. `--check` writes nothing
 * and exits 1 when the folder is stale; `--watch` regenerates on every save.
 */
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { EventcError } from '../../errors.js';
import { findProjectRoot } from '../../load/index.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/report.js';
import { checkOutput } from '../../write/writer.js';
import { reportingInputErrors } from '../input-errors.js';
import { generateFiles, generateOnce, type GenerateRun } from './generate-run.js';
import { watchAndGenerate } from './generate-watch.js';

interface GenerateArgs {
  cwd?: string;
  files: string[];
  out?: string;
  check: boolean;
  watch: boolean;
  strict: boolean;
  format: ReportFormat;
}

/** `--check`: prints what is stale and returns the exit status (0 fresh, 1 stale). */
async function check(run: GenerateRun, outName: string): Promise<number> {
  const result = await checkOutput(run.outDir, await generateFiles(run));
  const lines = [
    ...result.stale.map((p) => `stale:   ${outName}/${p}`),
    ...result.missing.map((p) => `missing: ${outName}/${p}`),
    ...result.extra.map((p) => `extra:   ${outName}/${p}`),
  ];
  if (lines.length === 0) {
    process.stdout.write(`${outName}/ is up to date\n`);
    return 0;
  }
  process.stderr.write(
    `eventc: ${outName}/ is stale; run \`eventc generate\` and commit the result:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
  );
  return 1;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate [files..]',
  describe: 'Generate TypeScript types, codecs, producers and consumers from the schemas',
  builder: (y: Argv): Argv<GenerateArgs> =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe:
          '.avsc files or folders to generate types and codecs for, without a manifest (needs --out)',
      })
      .option('out', {
        type: 'string',
        describe: 'Output folder (default: generated/ next to eventc.yaml)',
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Write nothing; exit 1 listing stale, missing and extra files (for CI)',
      })
      .option('watch', {
        type: 'boolean',
        default: false,
        describe: 'Regenerate on every change to the schemas or the manifest; errors do not exit',
      })
      .option('strict', {
        type: 'boolean',
        default: false,
        describe:
          'Fail (exit 1, nothing written) on incompatible versions or edited published versions, instead of warning',
      })
      .option('format', {
        choices: REPORT_FORMATS,
        default: 'text' as ReportFormat,
        describe:
          'Format of input errors (a bad manifest or schema): text on stderr, or a report on stdout',
      })
      .example('$0 generate', 'read eventc.yaml, replace generated/ atomically')
      .example('$0 generate --check', 'exit 1 when generated/ is stale')
      .example(
        '$0 generate --strict --format github',
        'for CI: fail on compatibility problems, annotate input errors',
      )
      .example(
        '$0 generate schemas/common --out src/types',
        'types and codecs for plain .avsc files',
      )
      .epilogue(
        'The output folder belongs to eventc: it is replaced as a whole (files no longer generated are removed), atomically, and left untouched on any error or when nothing changed. Versions that are not compatible under their level, or published versions that differ from a lock file, are warned about (see eventc check).',
      ) as unknown as Argv<GenerateArgs>,
  handler: async (argv: ArgumentsCamelCase<GenerateArgs>) => {
    const files = argv.files ?? [];
    // Plain files are relative to where eventc runs; a manifest is looked for upwards.
    const start = argv.cwd ?? process.cwd();
    const root = files.length > 0 ? resolve(start) : findProjectRoot(start);
    if (argv.check && argv.watch) throw new EventcError('give either --check or --watch, not both');
    if (files.length > 0 && argv.out === undefined) {
      throw new EventcError('give --out <dir> when generating from .avsc files');
    }
    const outName = argv.out ?? 'generated';
    const run: GenerateRun = { root, outDir: resolve(root, outName), files, strict: argv.strict };
    if (argv.watch) {
      await watchAndGenerate(run, outName);
      return;
    }
    await reportingInputErrors(argv.format, 'generate', async () => {
      if (argv.check) process.exitCode = await check(run, outName);
      else process.stdout.write(`eventc: ${await generateOnce(run, outName)}\n`);
    });
  },
};
