/** A row of the benchmark table: one measured case. */
export interface BenchRow {
  /** Group, e.g. `check`, `codec`, `generate`, `e2e`. */
  area: string;
  /** What was measured, e.g. `generated decode (OrderCreated v2)`. */
  case: string;
  /** Main figure and its unit, e.g. 1234567 and `ops/s`. */
  value: number;
  unit: string;
  /** Comparison or target note, e.g. `98% of raw avsc (target ≥ 90%)`. */
  note?: string;
}

export interface BenchSuite {
  area: string;
  /** Whether the suite needs the broker and registry (skipped with a note when unreachable). */
  needsStack?: boolean;
  run(): Promise<BenchRow[]>;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['area', 'case', 'value', 'unit', 'note'];
  const body = rows.map((r) => [r.area, r.case, formatNumber(r.value), r.unit, r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Runs `fn` repeatedly for about `ms` milliseconds after a warm-up; returns operations per second. */
export function opsPerSecond(fn: () => void, ms = 1000): number {
  const warmUntil = performance.now() + ms / 4;
  while (performance.now() < warmUntil) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/** The q-quantile of `xs` (linear between the nearest ranks). */
export function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo);
}
