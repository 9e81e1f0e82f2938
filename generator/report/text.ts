/**
 * Plain text: one finding per line as `file:line:col: path: message [RULE]`, its fix below,
 * then the notices, then a summary.
 */
import type { Report } from './report.js';
import { findingLine } from './report.js';

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(findingLine(f));
    if (f.fix) lines.push(`  fix: ${f.fix}`);
  }
  for (const f of report.notices ?? []) lines.push(findingLine(f));
  const n = report.findings.length;
  const what = plural(report.checked.length, report.noun);
  lines.push(
    n === 0
      ? `eventc ${report.tool}: no problems in ${what}`
      : `eventc ${report.tool}: ${plural(n, 'problem')} in ${what}`,
  );
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
