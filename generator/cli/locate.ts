/** Adds line and column to a report's findings by reading the files they name. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { locateFinding } from '../report/locate.js';
import type { Report } from '../report/report.js';

/** `base` is the folder the findings' file paths are relative to. */
export async function addLines(report: Report, base: string): Promise<Report> {
  const texts = new Map<string, string | undefined>();
  for (const f of [...report.findings, ...(report.notices ?? [])]) {
    if (!f.file) continue;
    if (!texts.has(f.file)) {
      texts.set(f.file, await readFile(resolve(base, f.file), 'utf8').catch(() => undefined));
    }
    const text = texts.get(f.file);
    const at = text === undefined ? undefined : locateFinding(f, text);
    if (at) {
      f.line = at.line;
      f.column = at.column;
    }
  }
  return report;
}
