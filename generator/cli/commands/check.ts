/**
 * `eventc check`: the compatibility gate.
 *
 *   eventc check                                   every event's versions, in order, under its level
 *   eventc check --against <git-ref>               published versions unchanged, new ones compatible
 *   eventc check --registry                        local versions against the schema registry
 *   eventc check [--level L] new.avsc --against old.avsc...   ad hoc files, oldest first
 *   eventc check --impact                          also: who reads what, and the rollout order
 *
 * In the contract modes every finding names the services it breaks (`compat/impact.ts`).
 * Exit 0 when compatible, 1 when not, 2 for bad input or usage.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { checkContract } from '../../compat/contract-check.js';
import { contractImpact, formatImpact, withImpact } from '../../compat/impact.js';
import { COMPATIBILITY_LEVELS, checkNewVersion } from '../../compat/levels.js';
import { checkAgainstPublished } from '../../compat/published.js';
import { checkAgainstRegistry } from '../../registry/check.js';
import { compatRules } from '../../compat/rules/index.js';
import { EventcError } from '../../errors.js';
import { findProjectRoot, loadContract } from '../../load/index.js';
import type { CompatibilityLevel, Contract } from '../../model/contract.js';
import { contractRegistryClient } from '../../registry/client.js';
import { lockFileDrift } from '../../registry/drift.js';
import { DEFAULT_ENV, lockPath, readLock } from '../../registry/lock.js';
import {
  formatReport,
  jsonReport,
  passed,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
} from '../../report/report.js';
import { contractAtRef, currentText, readSchemaFiles } from '../check-sources.js';
import { reportingInputErrors } from '../input-errors.js';
import { addLines } from '../locate.js';

interface CheckArgs {
  cwd?: string;
  schema?: string;
  against?: string[];
  level?: CompatibilityLevel;
  registry: boolean;
  impact?: boolean;
  format: ReportFormat;
  'list-rules'?: boolean;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [schema]',
  describe: 'Check schema compatibility (exit 0 compatible, 1 incompatible, 2 bad input)',
  builder: (y: Argv): Argv<CheckArgs> =>
    y
      .positional('schema', { type: 'string', describe: 'A new schema file, checked ad hoc' })
      .option('against', {
        type: 'string',
        array: true,
        describe: 'Older schema files (oldest first) with a schema file; else a git ref',
      })
      .option('level', {
        choices: COMPATIBILITY_LEVELS,
        describe: 'Compatibility level (default: the manifest, or BACKWARD for files)',
      })
      .option('registry', {
        type: 'boolean',
        default: false,
        describe: 'Compare the local versions with the schema registry',
      })
      .option('impact', {
        type: 'boolean',
        default: false,
        describe:
          'Also print, per event, the version each consumer reads, what it cannot read and why, and the rollout order (text or json)',
      })
      .option('list-rules', {
        type: 'boolean',
        default: false,
        describe: 'List the compatibility rules (id and purpose) and exit',
      })
      .option('format', {
        choices: REPORT_FORMATS,
        default: 'text' as ReportFormat,
        describe: 'Output format, of findings and of input errors alike',
      })
      .example('$0 check', "every event's versions under its level")
      .example(
        '$0 check --against origin/main',
        'published versions unchanged, new ones compatible',
      )
      .example('$0 check --level FULL v3.avsc --against v1.avsc v2.avsc', 'ad hoc files')
      .example('$0 check --registry --format json', 'against the registry, as JSON')
      .example('$0 check --impact', 'and which services each change breaks, and who deploys first'),
  handler: (argv: ArgumentsCamelCase<CheckArgs>) =>
    reportingInputErrors(argv.format, 'check', async () => {
      if (argv.listRules) {
        process.stdout.write(compatRules.map((r) => `${r.id}: ${r.purpose}\n`).join(''));
        return;
      }
      if (argv.impact && argv.format !== 'text' && argv.format !== 'json') {
        throw new EventcError('--impact prints text or JSON: use it with --format text or json');
      }
      if (argv.impact && (argv.schema !== undefined || argv.registry)) {
        throw new EventcError('--impact needs the contract: give no schema file and no --registry');
      }
      const { report, contract } = await runCheck(argv);
      if (!argv.impact || !contract) {
        process.stdout.write(formatReport(report, argv.format));
      } else {
        const impact = contractImpact(contract);
        if (argv.format === 'json') {
          process.stdout.write(`${JSON.stringify({ ...jsonReport(report), impact }, null, 2)}\n`);
        } else {
          process.stdout.write(formatReport(report, argv.format));
          process.stdout.write(`\nimpact on the consumers:\n${formatImpact(impact)}`);
        }
      }
      process.exitCode = passed(report) ? 0 : 1;
    }),
};

/**
 * Runs the mode the arguments select, with the contract it checked (none for ad hoc files);
 * throws EventcError (exit 2) for bad usage.
 */
export async function runCheck(argv: CheckArgs): Promise<{ report: Report; contract?: Contract }> {
  const root = findProjectRoot(argv.cwd ?? process.cwd());
  const against = argv.against ?? [];
  if (argv.registry) {
    if (argv.schema !== undefined || against.length > 0) {
      throw new EventcError('--registry checks the contract; give no schema file or --against');
    }
    const contract = await loadContract(root);
    const client = contractRegistryClient(contract.registry);
    const report = await checkAgainstRegistry(contract, client);
    // With a lock file for the environment (EVENTC_ENV), also git/lock and lock/registry drift.
    const lock = await readLock(lockPath(contract, process.env.EVENTC_ENV || DEFAULT_ENV));
    if (lock) {
      // A version the registry does not hold yet cannot be in the lock file either.
      const drift = await lockFileDrift(contract, lock, client);
      report.findings.push(
        ...drift.filter(
          (f) => !(f.rule === 'LOCK_MISSING_VERSION' && report.unregistered.includes(f.file ?? '')),
        ),
      );
    }
    return { report: await addLines(report, root), contract };
  }
  if (argv.schema !== undefined) {
    if (against.length === 0) {
      throw new EventcError(
        'give the older versions with --against: eventc check new.avsc --against old.avsc...',
      );
    }
    const [candidate, ...older] = await readSchemaFiles(process.cwd(), [argv.schema, ...against]);
    const findings = checkNewVersion(candidate!, older, argv.level ?? 'BACKWARD');
    const report: Report = { tool: 'check', noun: 'file', checked: [argv.schema], findings };
    return { report: await addLines(report, process.cwd()) };
  }
  if (against.length > 1) {
    throw new EventcError(
      '--against takes one git ref, or schema files after a new schema file (eventc check new.avsc --against old.avsc...)',
    );
  }
  const current = await loadContract(root);
  if (against.length === 0) {
    const report = await addLines(withImpact(current, checkContract(current, argv.level)), root);
    return { report, contract: current };
  }
  const ref = against[0]!;
  const atRef = await contractAtRef(root, ref);
  const texts = new Map<string, { published: string; current: string | undefined }>();
  for (const [file, published] of atRef.texts) {
    texts.set(file, { published, current: await currentText(root, file) });
  }
  const report = checkAgainstPublished({
    ref,
    published: atRef.contract,
    current,
    textAt: (file) => texts.get(file) ?? { published: '', current: undefined },
    ...(argv.level ? { level: argv.level } : {}),
  });
  return { report: await addLines(withImpact(current, report), root), contract: current };
}
