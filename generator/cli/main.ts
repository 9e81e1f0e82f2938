#!/usr/bin/env node
/**
 * The `eventc` command line: a thin shell over the compiler. Each command lives in its own
 * file under `commands/`; errors are printed as `eventc: <message>` with no stack unless
 * `--debug` is given.
 */
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { RegistryConfigError } from '../../runtime/errors.js';
import { EventcError } from '../errors.js';
import { checkCommand } from './commands/check.js';
import { lintCommand } from './commands/lint.js';
import { graphCommand } from './commands/graph.js';
import { upCommand } from './commands/up.js';
import { generateCommand } from './commands/generate.js';
import { registerCommand } from './commands/register.js';
import { deployCommand } from './commands/deploy.js';
import { topicsCommand } from './commands/topics.js';
import { initCommand } from './commands/init.js';
import { didYouMean } from '../load/names.js';

/** The package's version, from the nearest package.json above this module (source or dist). */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'eventc' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

const COMMANDS = [
  initCommand,
  generateCommand,
  checkCommand,
  lintCommand,
  graphCommand,
  upCommand,
  topicsCommand,
  registerCommand,
  deployCommand,
];

/** A command's name: the first word of its yargs `command` string. */
function commandName(c: { command?: string | readonly string[] }): string {
  const spec = Array.isArray(c.command) ? c.command[0] : c.command;
  return String(spec ?? '').split(' ')[0]!;
}

/** The commands, one per line with what each does, for usage errors. */
function commandList(): string {
  return COMMANDS.map((c) => `  ${commandName(c).padEnd(10)} ${String(c.describe)}`).join('\n');
}

/** Throws a usage error naming the commands when the first word is not one of them. */
function checkCommandWord(argv: string[]): void {
  const word = argv[0];
  if (word === undefined || word.startsWith('-')) return;
  const names = COMMANDS.map(commandName);
  if (names.includes(word)) return;
  const hint = didYouMean(word, names);
  throw new EventcError(
    `unknown command ${JSON.stringify(word)}.${hint} The commands are:\n${commandList()}\nSee eventc <command> --help.`,
  );
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  try {
    checkCommandWord(argv);
    let cli = yargs(argv)
      .scriptName('eventc')
      .usage(
        'eventc <command> [options]\n\nSchema-first contract compiler for event-driven services on Kafka.',
      )
      .option('debug', { type: 'boolean', describe: 'Print stack traces on errors' })
      .option('cwd', {
        type: 'string',
        describe:
          'Where to start looking for eventc.yaml (default: the current folder, then the folders above it)',
      });
    for (const c of COMMANDS) cli = cli.command(c as CommandModule);
    await cli
      .demandCommand(1, `give a command. The commands are:\n${commandList()}`)
      .strict()
      .version(packageVersion())
      .help()
      .alias('h', 'help')
      // The terminal's width (not yargs' 80 columns), so examples stay on one line; unwrapped
      // when the output is not a terminal.
      .wrap(process.stdout.columns ?? null)
      .fail((msg, err) => {
        throw err ?? new EventcError(msg);
      })
      .parseAsync();
    // Commands that finish with a verdict (check, generate --check) set process.exitCode.
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    exitCode = reportError(err, argv.includes('--debug'));
  }
  return exitCode;
}

function reportError(err: unknown, debug: boolean): number {
  if (err instanceof EventcError) {
    process.stderr.write(`eventc: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`eventc: ${e.message}\n`);
  if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
  // Registry settings that cannot be used are bad input (2); a registry that fails is 1.
  return err instanceof RegistryConfigError ? 2 : 1;
}

/** True when this module is the process entry (the `eventc` bin), not imported by a test. */
function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntry()) process.exitCode = await main(hideBin(process.argv));
