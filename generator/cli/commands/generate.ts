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
import { checkOutput } from '../../write/writer.js';
import { generateFiles, generateOnce, type GenerateRun } from './generate-run.js';
import { watchAndGenerate } from './generate-watch.js';

interface GenerateArgs {
  cwd?: string;
  files: string[];
  out?: string;
  check: boolean;
  watch: boolean;
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
      .example('$0 generate', 'read eventc.yaml, replace generated/ atomically')
      .example('$0 generate --check', 'exit 1 when generated/ is stale')
      .example(
        '$0 generate schemas/common --out src/types',
        'types and codecs for plain .avsc files',
      )
      .epilogue(
        'The output folder belongs to eventc: it is replaced as a whole (files no longer generated are removed), atomically, and left untouched on any error or when nothing changed.',
      ) as unknown as Argv<GenerateArgs>,
  handler: async (argv: ArgumentsCamelCase<GenerateArgs>) => {
    const root = resolve(argv.cwd ?? process.cwd());
    const files = argv.files ?? [];
    if (argv.check && argv.watch) throw new EventcError('give either --check or --watch, not both');
    if (files.length > 0 && argv.out === undefined) {
      throw new EventcError('give --out <dir> when generating from .avsc files');
    }
    const outName = argv.out ?? 'generated';
    const run: GenerateRun = { root, outDir: resolve(root, outName), files };
    if (argv.check) {
      process.exitCode = await check(run, outName);
    } else if (argv.watch) {
      await watchAndGenerate(run, outName);
    } else {
      process.stdout.write(`eventc: ${await generateOnce(run, outName)}\n`);
    }
  },
};
