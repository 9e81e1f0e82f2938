/**
 * `eventc up`: creates the topics the contract needs (as `eventc topics`), then starts every
 * service of the manifest as a local process against the configured broker and registry,
 * prefixes each output line with the service name, and stops them all on Ctrl-C (or when one
 * of them fails).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { findProjectRoot, loadContract } from '../../load/index.js';
import { planServices } from '../../up/plan.js';
import { Supervisor } from '../../up/supervisor.js';
import { runTopics } from './topics.js';

interface UpArgs {
  cwd?: string;
  service: string[];
  port: number;
  topics: boolean;
}

export const upCommand: CommandModule<object, UpArgs> = {
  command: 'up [service..]',
  describe: 'Run the services of the manifest locally (built with npm run build)',
  builder: (y: Argv): Argv<UpArgs> =>
    y
      .positional('service', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Only these services, in this order (all by default)',
      })
      .option('port', {
        type: 'number',
        default: 8180,
        describe:
          'HTTP port (health, metrics, routes) of the first service; the others get the next ones, in the order started',
      })
      .option('topics', {
        type: 'boolean',
        default: true,
        describe: 'Create missing topics first, as eventc topics does (--no-topics to skip)',
      })
      .example(
        '$0 up',
        'every service, with EVENTC_BROKERS and EVENTC_REGISTRY_URL from the environment',
      )
      .example('$0 up inventory email', 'two of them') as unknown as Argv<UpArgs>,
  handler: async (argv: ArgumentsCamelCase<UpArgs>) => {
    const contract = await loadContract(findProjectRoot(argv.cwd ?? process.cwd()));
    const specs = planServices(contract, {
      only: argv.service,
      basePort: argv.port,
      env: process.env,
    });
    if (argv.topics) {
      // Only what changed: a topic already as the contract says prints nothing.
      await runTopics(contract, { dryRun: false, showUpToDate: false }, (line) => {
        process.stdout.write(`eventc | ${line}\n`);
      });
    }
    const supervisor = new Supervisor(specs, {
      write: (line) => process.stdout.write(`${line}\n`),
      color: process.stdout.isTTY === true,
    });
    const stop = (): void => supervisor.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const result = await supervisor.run();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (result.failed) process.exitCode = 1;
  },
};
