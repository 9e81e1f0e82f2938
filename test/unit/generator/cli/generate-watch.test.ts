import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { watchAndGenerate } from '../../../../generator/cli/commands/generate-watch.js';

const GOLDEN = fileURLToPath(new URL('../../../golden', import.meta.url));
let dir: string;

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventc-watch-'));
  cpSync(join(GOLDEN, 'recursive', 'schemas'), join(dir, 'schemas'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('regenerates on save, reports errors and keeps watching', async () => {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => ((stderr += String(s)), true));
  const stop = new AbortController();
  const run = { root: dir, outDir: join(dir, 'types'), files: ['schemas'] };
  const watching = watchAndGenerate(run, 'types', stop.signal);
  try {
    await until('the first run', () => stdout.includes('watching for changes'));
    expect(existsSync(join(dir, 'types', 'Tree.ts'))).toBe(true);

    const money = '{"type":"record","name":"Money","fields":[{"name":"cents","type":"long"}]}';
    writeFileSync(join(dir, 'schemas', 'Money.avsc'), money);
    await until('Money.ts', () => existsSync(join(dir, 'types', 'Money.ts')));

    writeFileSync(join(dir, 'schemas', 'Broken.avsc'), '{"type": "record"');
    await until('the error', () => stderr.includes('schemas/Broken.avsc'));
    expect(existsSync(join(dir, 'types', 'Money.ts'))).toBe(true);

    const runsBefore = stdout.split('files,').length;
    for (let i = 0; i < 5; i++)
      writeFileSync(join(dir, 'schemas', `Burst${i}.avsc`), money.replace('Money', `Burst${i}`));
    rmSync(join(dir, 'schemas', 'Broken.avsc'));
    writeFileSync(join(dir, 'schemas', 'Money.avsc'), money.replace('cents', 'amount'));
    await until('the fix', () =>
      readFileSync(join(dir, 'types', 'Money.ts'), 'utf8').includes('amount: number'),
    );
    expect(existsSync(join(dir, 'types', 'Burst4.ts'))).toBe(true);
    // seven changes in one burst: debounced into one run (two if a change lands mid-run)
    expect(stdout.split('files,').length - runsBefore).toBeLessThanOrEqual(2);
  } finally {
    stop.abort();
    await watching;
    out.mockRestore();
    err.mockRestore();
  }
}, 60_000);

it('in manifest mode, regenerates when a schema of the manifest changes', async () => {
  const project = mkdtempSync(join(tmpdir(), 'eventc-watch-manifest-'));
  cpSync(join(GOLDEN, 'manifest'), project, {
    recursive: true,
    filter: (src) => !src.includes('expected'),
  });
  let stdout = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const stop = new AbortController();
  const run = { root: project, outDir: join(project, 'generated'), files: [] };
  const watching = watchAndGenerate(run, 'generated', stop.signal);
  try {
    await until('the first run', () => stdout.includes('watching for changes'));
    const file = join(project, 'schemas', 'golden', 'common', 'Money.avsc');
    writeFileSync(file, readFileSync(file, 'utf8').replace('minor units', 'cents'));
    await until('the doc change', () =>
      readFileSync(join(project, 'generated', 'events', 'OrderPlaced.ts'), 'utf8').includes(
        'An amount in cents.',
      ),
    );
  } finally {
    stop.abort();
    await watching;
    out.mockRestore();
    err.mockRestore();
    rmSync(project, { recursive: true, force: true });
  }
}, 60_000);
