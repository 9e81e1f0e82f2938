/**
 * `eventc lint`: style and evolution rules over the contract (docs, defaults on new fields,
 * namespaces, enum defaults, naming). `--disable RULE`, or `lint: { disable: [RULE] }` in eventc.yaml, turns a rule off; `--rules` lists
 * them. Exit 0 when clean, 1 with findings, 2 for bad input or usage.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { EventcError, InputError } from '../../errors.js';
import { lintContract, lintRules } from '../../lint/index.js';
import { findProjectRoot, loadContract } from '../../load/index.js';
import { reportingInputErrors } from '../input-errors.js';
import { formatReport, passed, REPORT_FORMATS, type ReportFormat } from '../../report/report.js';

interface LintArgs {
  cwd?: string;
  disable: string[];
  rules: boolean;
  format: ReportFormat;
}

export const lintCommand: CommandModule<object, LintArgs> = {
  command: 'lint',
  describe: 'Check schema style: docs, defaults, namespaces, enum defaults, naming',
  builder: (y: Argv): Argv<LintArgs> =>
    y
      .option('disable', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Rule ids to turn off (repeatable or space-separated)',
      })
      .option('rules', { type: 'boolean', default: false, describe: 'List the rules and exit' })
      .option('format', {
        choices: REPORT_FORMATS,
        default: 'text' as ReportFormat,
        describe: 'Output format, of findings and of input errors alike',
      })
      .example('$0 lint', 'every rule')
      .example('$0 lint --disable FIELD_DOC ENUM_DEFAULT', 'without two rules'),
  handler: async (argv: ArgumentsCamelCase<LintArgs>) => {
    if (argv.rules) {
      process.stdout.write(lintRules.map((r) => `${r.id}: ${r.purpose}\n`).join(''));
      return;
    }
    const ids = new Set(lintRules.map((r) => r.id));
    const unknownIn = (list: string[], where: string): void => {
      const unknown = list.filter((d) => !ids.has(d));
      if (unknown.length > 0) {
        throw new EventcError(
          `${where}: unknown lint rule ${unknown.map((u) => `"${u}"`).join(', ')}; the rules are ${[...ids].join(', ')}`,
        );
      }
    };
    unknownIn(argv.disable, '--disable');
    await reportingInputErrors(argv.format, 'lint', async () => {
      const contract = await loadContract(findProjectRoot(argv.cwd ?? process.cwd()));
      const unknown = contract.lint.disable.filter((d) => !ids.has(d));
      if (unknown.length > 0) {
        throw new InputError([
          {
            file: contract.manifestFile,
            message: `lint.disable: unknown lint rule ${unknown.map((u) => `"${u}"`).join(', ')}; the rules are ${[...ids].join(', ')}`,
          },
        ]);
      }
      const report = lintContract(contract, [...contract.lint.disable, ...argv.disable]);
      process.stdout.write(formatReport(report, argv.format));
      process.exitCode = passed(report) ? 0 : 1;
    });
  },
};
