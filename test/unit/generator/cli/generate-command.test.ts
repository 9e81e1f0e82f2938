import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../support/cli.js';

const GOLDEN = fileURLToPath(new URL('../../../golden', import.meta.url));
let dir: string;
let stdout: string;
let stderr: string;

async function run(...args: string[]): Promise<number> {
  const result = await runCli(['generate', '--cwd', dir, ...args]);
  stdout = result.stdout;
  stderr = result.stderr;
  return result.code;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventc-generate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('eventc generate', () => {
  it('writes generated/ from the manifest, then --check passes, and fails once it is stale', async () => {
    cpSync(join(GOLDEN, 'manifest'), dir, {
      recursive: true,
      filter: (src) => !src.includes('expected'),
    });
    expect(await run()).toBe(0);
    const expected = readFileSync(
      join(GOLDEN, 'manifest', 'expected', 'events', 'OrderPlaced.ts'),
      'utf8',
    );
    expect(readFileSync(join(dir, 'generated', 'events', 'OrderPlaced.ts'), 'utf8')).toBe(expected);

    expect(await run('--check')).toBe(0);
    expect(stdout).toContain('up to date');

    writeFileSync(join(dir, 'generated', 'events', 'OrderPlaced.ts'), `${expected}// edited\n`);
    writeFileSync(join(dir, 'generated', 'leftover.ts'), '');
    rmSync(join(dir, 'generated', 'services', 'audit.ts'));
    expect(await run('--check')).toBe(1);
    expect(stderr).toContain('stale:   generated/events/OrderPlaced.ts');
    expect(stderr).toContain('missing: generated/services/audit.ts');
    expect(stderr).toContain('extra:   generated/leftover.ts');
    // --check writes nothing
    expect(existsSync(join(dir, 'generated', 'leftover.ts'))).toBe(true);
  });

  it('generates plain .avsc files into --out without a manifest', async () => {
    cpSync(join(GOLDEN, 'recursive', 'schemas'), join(dir, 'schemas'), { recursive: true });
    expect(await run('schemas', '--out', 'types')).toBe(0);
    expect(readFileSync(join(dir, 'types', 'Tree.ts'), 'utf8')).toBe(
      readFileSync(join(GOLDEN, 'recursive', 'expected', 'Tree.ts'), 'utf8'),
    );
  });

  it('reports a bad schema with its file and exit 2, leaving the output as it was', async () => {
    cpSync(join(GOLDEN, 'recursive', 'schemas'), join(dir, 'schemas'), { recursive: true });
    expect(await run('schemas', '--out', 'types')).toBe(0);
    writeFileSync(
      join(dir, 'schemas', 'Broken.avsc'),
      '{"type": "record", "name": "B", "fields": [{"name": "x", "type": "nope"}]}',
    );
    expect(await run('schemas', '--out', 'types')).toBe(2);
    expect(stderr).toMatch(/^eventc: schemas\/Broken\.avsc/);
    expect(existsSync(join(dir, 'types', 'Broken.ts'))).toBe(false);
    expect(existsSync(join(dir, 'types', 'Tree.ts'))).toBe(true);
  });

  it('resolves named types across plain files in any order, and reports a cycle', async () => {
    const record = (name: string, ref: string) =>
      JSON.stringify({ type: 'record', name, namespace: 'x', fields: [{ name: 'f', type: ref }] });
    writeFileSync(join(dir, 'a.avsc'), record('A', 'x.Money'));
    writeFileSync(
      join(dir, 'z.avsc'),
      JSON.stringify({
        type: 'record',
        name: 'Money',
        namespace: 'x',
        fields: [{ name: 'c', type: 'long' }],
      }),
    );
    expect(await run('a.avsc', 'z.avsc', '--out', 'types')).toBe(0);
    expect(readFileSync(join(dir, 'types', 'a.ts'), 'utf8')).toContain('f: Money;');

    writeFileSync(join(dir, 'p.avsc'), record('P', 'x.Q'));
    writeFileSync(join(dir, 'q.avsc'), record('Q', 'x.P'));
    expect(await run('p.avsc', 'q.avsc', '--out', 'cycle')).toBe(2);
    expect(stderr).toContain('p.avsc: shared types form a cycle across files');
    expect(existsSync(join(dir, 'cycle'))).toBe(false);
  });

  it('needs --out with schema files', async () => {
    expect(await run('schemas')).toBe(2);
    expect(stderr).toContain('--out');
  });
});
