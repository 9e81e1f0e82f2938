/**
 * `eventc register`: registers every schema version with the registry, sets each subject's
 * compatibility level, and writes the environment's lock file. `--dry-run` prints the plan
 * and changes nothing.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { EventcError } from '../../errors.js';
import { findProjectRoot, loadContract } from '../../load/index.js';
import { contractRegistryClient } from '../../registry/client.js';
import { DEFAULT_ENV, lockFromPlan, lockPath, writeLock } from '../../registry/lock.js';
import { describePlan } from '../../registry/plan.js';
import { registerContract, summarize } from '../../registry/register.js';
import path from 'node:path';

interface RegisterArgs {
  cwd?: string;
  env: string;
  'dry-run': boolean;
}

/** The registry refused at least one version. Exit status 1. */
export class RegistrationRefusedError extends EventcError {
  override name = 'RegistrationRefusedError';
  override readonly exitCode: number = 1;
}

export const registerCommand: CommandModule<object, RegisterArgs> = {
  command: 'register',
  describe:
    'Register every schema version with the registry, set compatibility levels, write the lock file',
  builder: (y: Argv): Argv<RegisterArgs> =>
    y
      .option('env', {
        type: 'string',
        default: process.env.EVENTC_ENV || DEFAULT_ENV,
        describe:
          'Environment: names the lock file schemas/eventc.lock.<env>.json (default $EVENTC_ENV or "default")',
      })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'Print the plan (subjects, levels, versions to add) and change nothing',
      })
      .example('$0 register --dry-run', 'show what would be registered')
      .example(
        'EVENTC_REGISTRY_URL=https://sr.example $0 register --env prod',
        'register for production',
      ),
  handler: async (argv: ArgumentsCamelCase<RegisterArgs>) => {
    const out = (line: string): void => void process.stdout.write(`${line}\n`);
    const contract = await loadContract(findProjectRoot(argv.cwd ?? process.cwd()));
    const file = lockPath(contract, argv.env);
    const client = contractRegistryClient(contract.registry, {
      onRetry: ({ attempt, delayMs, reason }) =>
        void process.stderr.write(`retry ${attempt} in ${delayMs} ms: ${reason}\n`),
    });
    const result = await registerContract(contract, client, { dryRun: argv.dryRun, log: out });
    if (argv.dryRun) {
      for (const line of describePlan(result.plan, client.displayUrl)) out(line);
      return;
    }
    const lines = summarize(result);
    const changed = await writeLock(file, lockFromPlan(result.final, argv.env));
    if (changed) out(`wrote ${path.relative(contract.root, file)}`);
    if (result.rejections.length === 0) {
      for (const line of lines) out(line);
      return;
    }
    for (const line of lines.slice(0, -1)) process.stderr.write(`${line}\n`);
    out(lines.at(-1)!);
    throw new RegistrationRefusedError(
      `the registry refused ${result.rejections.length} version(s); later versions of those subjects were not registered`,
    );
  },
};
