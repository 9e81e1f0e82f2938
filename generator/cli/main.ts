#!/usr/bin/env node
/**
 * The `eventc` command line: a thin shell over the compiler. Each command lives in its own
 * file under `commands/`; errors are printed as `eventc: <message>` with no stack unless
 * `--debug` is given.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readFileSync } from 'node:fs';
import { EventcError } from '../errors.js';

const pkg = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
) as { version: string };

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  try {
    await yargs(argv)
      .scriptName('eventc')
      .usage(
        'eventc <command> [options]\n\nSchema-first contract compiler for event-driven services on Kafka.',
      )
      .option('debug', { type: 'boolean', describe: 'Print stack traces on errors' })
      .option('cwd', { type: 'string', describe: 'Project root (where eventc.yaml is)' })
      .demandCommand(1, 'Give a command; see eventc --help.')
      .strict()
      .version(pkg.version)
      .help()
      .alias('h', 'help')
      .fail((msg, err) => {
        throw err ?? new EventcError(msg);
      })
      .parseAsync();
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
  return 1;
}

process.exitCode = await main(hideBin(process.argv));
