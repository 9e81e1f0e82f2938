/**
 * `npm run bench`: runs every benchmark suite and prints one table. Suites that need the
 * broker and registry are skipped, with a note, when those are not reachable.
 * `npm run bench -- <area>...` runs only the named areas.
 */
import { suite as checkSuite } from './check.js';
import { suite as codecSuite } from './codec.js';
import { suite as codegenSuite } from './codegen.js';
import { suite as e2eSuite } from './e2e.js';
import { suite as inboxSuite } from './inbox.js';
import { suite as sizeSuite } from './size.js';
import { formatTable, type BenchRow, type BenchSuite } from './table.js';

const suites: BenchSuite[] = [
  checkSuite,
  codecSuite,
  codegenSuite,
  e2eSuite,
  inboxSuite,
  sizeSuite,
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const suite of suites) {
    if (only.length > 0 && !only.includes(suite.area)) continue;
    process.stderr.write(`bench: ${suite.area}...\n`);
    try {
      rows.push(...(await suite.run()));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      rows.push({ area: suite.area, case: 'failed', value: 0, unit: '-', note: message });
      process.exitCode = 1;
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
}

await main();
