/**
 * `eventc topics`: creates the contract's topics (every event's topic and the dead-letter
 * topic of every consumed one) with the settings of `topicDefaults` and `topics` in
 * eventc.yaml, adds partitions and sets configs where they differ, and refuses, with the
 * reason, what Kafka cannot change safely. `--dry-run` prints the plan and changes nothing.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { findProjectRoot, loadContract } from '../../load/index.js';
import type { Contract } from '../../model/contract.js';
import {
  ConfigError,
  kafkaSecurity,
  loadServiceConfig,
  type ServiceConfig,
} from '../../../runtime/service/config.js';
import { EventcError } from '../../errors.js';
import type { SyncOptions } from '../../topics/index.js';

interface TopicsArgs {
  cwd?: string;
  'dry-run': boolean;
}

export const topicsCommand: CommandModule<object, TopicsArgs> = {
  command: 'topics',
  describe: "Create the contract's topics and dead-letter topics, or show the plan (--dry-run)",
  builder: (y: Argv): Argv<TopicsArgs> =>
    y
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'Print the plan (create, extend, alter, refuse, ok per topic) and change nothing',
      })
      .example('$0 topics --dry-run', 'what would change on the brokers of EVENTC_BROKERS')
      .example('EVENTC_BROKERS=kafka-1:9092,kafka-2:9092 $0 topics', 'create and update the topics')
      .epilogue(
        'Brokers, TLS and SASL come from the same variables as the services (EVENTC_BROKERS, EVENTC_TLS, EVENTC_TLS_CA_FILE, EVENTC_SASL_*). Settings left out in eventc.yaml are the broker defaults and are not compared. Fewer partitions or another replication factor than the cluster has are refused (exit 1, nothing changed).',
      ),
  handler: async (argv: ArgumentsCamelCase<TopicsArgs>) => {
    const contract = await loadContract(findProjectRoot(argv.cwd ?? process.cwd()));
    await runTopics(contract, { dryRun: argv.dryRun }, (line) => {
      process.stdout.write(`${line}\n`);
    });
  },
};

/** `eventc topics` on the brokers of the environment, as the services connect to them. */
export async function runTopics(
  contract: Contract,
  options: Pick<SyncOptions, 'dryRun' | 'showUpToDate'>,
  log: (line: string) => void,
): Promise<void> {
  let config: ServiceConfig;
  try {
    config = loadServiceConfig('eventc-topics');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new EventcError(
      `the broker settings in the environment are not usable:\n  ${err.problems.join('\n  ')}`,
      { cause: err },
    );
  }
  // Loaded here, not at start-up: the other commands need no Kafka client.
  const { syncTopics } = await import('../../topics/index.js');
  await syncTopics(contract, {
    ...options,
    brokers: config.brokers,
    kafka: kafkaSecurity(config),
    log,
  });
}
