/**
 * The result of `eventc check` and `eventc lint`: findings plus what was examined, printed
 * in one of four formats. Pure: report in, text out.
 */
import type { Finding } from './finding.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatText } from './text.js';

export type ReportFormat = 'text' | 'json' | 'github' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'github', 'junit'];

export interface Report {
  /** The command, e.g. `check` or `lint`: names the JUnit suite. */
  tool: string;
  /** What was examined (events, subjects or files), one JUnit test case each. */
  checked: string[];
  /** What one checked item is, for the summary line: `event`, `subject`, `file`. */
  noun: string;
  findings: Finding[];
  /** Facts worth knowing that do not fail the check (e.g. versions not registered yet). */
  notices?: Finding[];
}

/** Compatible (or clean) when there is no finding. */
export function passed(report: Report): boolean {
  return report.findings.length === 0;
}

/** The object `--format json` prints. */
export function jsonReport(report: Report): Record<string, unknown> {
  return {
    compatible: passed(report),
    checked: report.checked,
    findings: report.findings,
    ...(report.notices?.length ? { notices: report.notices } : {}),
  };
}

export function formatReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report);
    default:
      return formatText(report);
  }
}

/**
 * Where a finding is: `file:line:col: path` where the line is known, else `file:path` (the
 * named path where there is one, else Avro's location).
 */
export function findingPlace(f: Finding): string {
  const at = f.path ?? f.location;
  if (!f.file) return at;
  return f.line === undefined ? `${f.file}:${at}` : `${f.file}:${f.line}:${f.column ?? 1}: ${at}`;
}

/** A finding on one line: `<place>: <message> [RULE]`, without a place where it has none. */
export function findingLine(f: Finding): string {
  const place = f.file || f.location !== '/' || f.path ? findingPlace(f) : '';
  return `${place ? `${place}: ` : ''}${f.message} [${f.rule}]`;
}

/** The group a finding belongs to: its subject, else its file. */
export function findingGroup(f: Finding): string {
  return f.subject ?? f.file ?? '(schema)';
}
