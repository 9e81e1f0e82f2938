/**
 * Bad input as a report: each problem of an `InputError` (a manifest or schema file that
 * does not load) becomes an `INPUT_ERROR` finding with its file, line and column, so that
 * `--format json|github|junit` carries input errors as well as verdicts.
 */
import type { Finding } from './finding.js';
import type { InputError } from '../errors.js';
import type { Report } from './report.js';

/** The rule id of a finding that is a problem in an input file. */
export const INPUT_ERROR = 'INPUT_ERROR';

export function inputErrorReport(err: InputError, tool: string): Report {
  const findings = err.problems.map((p): Finding => {
    const f: Finding = {
      rule: INPUT_ERROR,
      file: p.file,
      location: p.pointer?.startsWith('/') ? p.pointer : '/',
      message: p.message,
    };
    if (p.line !== undefined) f.line = p.line;
    if (p.column !== undefined) f.column = p.column;
    return f;
  });
  const checked = [...new Set(err.problems.map((p) => p.file))];
  return { tool, noun: 'file', checked, findings };
}
