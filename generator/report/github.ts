/**
 * GitHub Actions workflow commands: `::error file=...,title=...::message`, one per finding
 * (`::notice` for a notice),
 * escaped as the runner expects (`%`, CR and LF everywhere; also `:` and `,` in properties).
 */
import type { Report } from './report.js';

function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function formatGithub(report: Report): string {
  return [...report.findings, ...(report.notices ?? [])]
    .map((f, i) => {
      const level = i < report.findings.length ? 'error' : 'notice';
      const props: string[] = [];
      if (f.file) props.push(`file=${escapeProperty(f.file)}`);
      if (f.file && f.line !== undefined) props.push(`line=${f.line}`);
      if (f.file && f.column !== undefined) props.push(`col=${f.column}`);
      const where = f.path ?? f.location;
      props.push(`title=${escapeProperty(`${f.rule} at ${where}`)}`);
      const text = f.fix ? `${f.message} (fix: ${f.fix})` : f.message;
      return `::${level} ${props.join(',')}::${escapeData(text)}\n`;
    })
    .join('');
}
