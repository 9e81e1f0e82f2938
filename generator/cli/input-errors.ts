/**
 * Input errors in the format a command was asked for: with `--format json|github|junit`
 * an `InputError` is printed on stdout as a report (exit 2) instead of as text on stderr.
 */
import { InputError } from '../errors.js';
import { inputErrorReport } from '../report/input.js';
import { formatReport, type ReportFormat } from '../report/report.js';

export async function reportingInputErrors(
  format: ReportFormat,
  tool: string,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof InputError) || format === 'text') throw err;
    process.stdout.write(formatReport(inputErrorReport(err, tool), format));
    process.exitCode = err.exitCode;
  }
}
