/**
 * JUnit XML: one test suite, one test case per examined item (event, subject or file)
 * failing with its findings. Text is escaped for XML and characters XML 1.0 cannot carry are
 * dropped.
 */
import type { Finding } from './finding.js';
import type { Report } from './report.js';
import { findingGroup, findingLine } from './report.js';

export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** For attribute values: also line breaks and tabs, which XML parsers would turn into spaces. */
function escapeAttr(s: string): string {
  return escapeXml(s).replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;');
}

/** One failure element per test case (some JUnit readers take only one), listing every finding. */
function failure(fs: Finding[]): string {
  const first = fs[0]!;
  const more = fs.length > 1 ? ` (and ${fs.length - 1} more)` : '';
  const type = [...new Set(fs.map((f) => f.rule))].join(' ');
  const body = fs
    .map((f) => [findingLine(f), ...(f.fix ? [`  fix: ${f.fix}`] : [])])
    .flat()
    .join('\n');
  return `      <failure type="${escapeAttr(type)}" message="${escapeAttr(first.message + more)}">${escapeXml(body)}</failure>\n`;
}

export function formatJunit(report: Report): string {
  const groups = new Map<string, Finding[]>(report.checked.map((c) => [c, []]));
  for (const f of report.findings) {
    const g = findingGroup(f);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(f);
  }
  const suite = `eventc ${report.tool}`;
  const failures = [...groups.values()].filter((fs) => fs.length > 0).length;
  const cases = [...groups].map(([name, fs]) => {
    const open = `    <testcase classname="${escapeAttr(suite)}" name="${escapeAttr(name)}"`;
    if (fs.length === 0) return `${open}/>\n`;
    return `${open}>\n${failure(fs)}    </testcase>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${escapeXml(suite)}" tests="${groups.size}" failures="${failures}">\n` +
    `  <testsuite name="${escapeXml(suite)}" tests="${groups.size}" failures="${failures}" errors="0">\n` +
    cases.join('') +
    '  </testsuite>\n</testsuites>\n'
  );
}
