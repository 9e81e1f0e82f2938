/**
 * `eventc check` from the command line: the example contract, deliberately broken copies of
 * it, ad hoc files, the git-ref mode in temporary repositories (also a shallow clone and a
 * project in a subfolder), output formats and exit codes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compatRules } from '../../../../generator/compat/rules/index.js';
import { runCli } from '../../../support/cli.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const ORDER = 'schemas/shop/OrderCreated';

/** A copy of the example project (manifest and schemas) in a temp dir, optionally in `sub`. */
function exampleProject(sub = ''): { top: string; root: string } {
  const top = mkdtempSync(join(tmpdir(), 'eventc-check-'));
  const root = join(top, sub);
  mkdirSync(root, { recursive: true });
  cpSync(join(REPO, 'eventc.yaml'), join(root, 'eventc.yaml'));
  cpSync(join(REPO, 'schemas'), join(root, 'schemas'), { recursive: true });
  return { top, root };
}

function readJson(root: string, file: string): { fields: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as {
    fields: Record<string, unknown>[];
  };
}

/** Writes v3 of OrderCreated: v2 with `customerId` turned into a long. */
function addIncompatibleV3(root: string): void {
  const v2 = readJson(root, `${ORDER}/v2.avsc`);
  v2.fields = v2.fields.map((f) => (f.name === 'customerId' ? { ...f, type: 'long' } : f));
  writeFileSync(join(root, `${ORDER}/v3.avsc`), JSON.stringify(v2, null, 2));
}

/** Writes v3 of OrderCreated: v2 plus an optional field (compatible both ways). */
function addCompatibleV3(root: string): void {
  const v2 = readJson(root, `${ORDER}/v2.avsc`);
  v2.fields.push({ name: 'giftNote', type: ['null', 'string'], default: null, doc: 'A note.' });
  writeFileSync(join(root, `${ORDER}/v3.avsc`), JSON.stringify(v2, null, 2));
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function commitAll(cwd: string): void {
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'add', '.');
  git(cwd, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
}

interface JsonReport {
  compatible: boolean;
  findings: { rule: string; file?: string; subject?: string; location: string; message: string }[];
}

describe('eventc check (contract)', () => {
  it('passes on the example contract', async () => {
    const { root } = exampleProject();
    const r = await runCli(['check', '--cwd', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('eventc check: no problems in 3 events\n');
  });

  it('fails with exit 1 and names the field when a new version breaks the level', async () => {
    const { root } = exampleProject();
    addIncompatibleV3(root);
    const r = await runCli(['check', '--cwd', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.compatible).toBe(false);
    // OrderCreated is FULL_TRANSITIVE: v3 against v1 and v2, both directions.
    expect(report.findings.map((f) => [f.rule, f.subject, f.file, f.location])).toEqual(
      Array(4).fill(['TYPE_MISMATCH', 'OrderCreated', `${ORDER}/v3.avsc`, '/fields/1/type']),
    );
    // Each names the services it breaks: nobody reads v3 yet; email reads v1, inventory v2.
    expect(report.findings.map((f) => f.message)).toEqual([
      'field "customerId" changed from string to long; readers of v3 cannot read v1 data; no consumer in this contract reads v3: this breaks nobody here',
      'field "customerId" changed from string to long; readers of v1 cannot read v3 data; breaks `email` (reads v1)',
      'field "customerId" changed from string to long; readers of v3 cannot read v2 data; no consumer in this contract reads v3: this breaks nobody here',
      'field "customerId" changed from string to long; readers of v2 cannot read v3 data; breaks `inventory` (reads v2)',
    ]);
  });

  it('--impact prints what each consumer reads, what it cannot, and who deploys first', async () => {
    const { root } = exampleProject();
    addIncompatibleV3(root);
    const r = await runCli(['check', '--cwd', root, '--impact']);
    expect(r.code).toBe(1);
    const impact = r.stdout.slice(r.stdout.indexOf('impact on the consumers:'));
    expect(impact).toContain(
      [
        'OrderCreated (FULL_TRANSITIVE)',
        '  `email` reads v1: it cannot read v3 data',
        '    v3: /fields/customerId/type: field "customerId" changed from string to long; readers of v1 cannot read v3 data [TYPE_MISMATCH]',
        '  `inventory` reads v2: it cannot read v3 data',
        '    v3: /fields/customerId/type: field "customerId" changed from string to long; readers of v2 cannot read v3 data [TYPE_MISMATCH]',
        '  deploy: either order: old and new readers read old and new data',
      ].join('\n'),
    );
    expect(impact).toContain(
      'InventoryReserved (BACKWARD)\n  `email` reads v1: it reads every version\n  deploy: consumers first (`email`), then producers (`inventory`): a new reader reads old data, an old reader may not read new data',
    );
    const json = await runCli(['check', '--cwd', root, '--impact', '--format', 'json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as {
      compatible: boolean;
      impact: {
        event: string;
        rollout: string;
        readers: { service: string; reads: number; cannotRead: { writer: number }[] }[];
      }[];
    };
    expect(parsed.compatible).toBe(false);
    const orders = parsed.impact.find((e) => e.event === 'OrderCreated')!;
    expect(
      orders.readers.map((r) => [r.service, r.reads, r.cannotRead.map((c) => c.writer)]),
    ).toEqual([
      ['email', 1, [3]],
      ['inventory', 2, [3]],
    ]);
    const junit = await runCli(['check', '--cwd', root, '--impact', '--format', 'junit']);
    expect(junit.code).toBe(2);
    expect(junit.stderr).toContain('--impact prints text or JSON');
  });

  it('--level overrides the manifest', async () => {
    const { root } = exampleProject();
    addIncompatibleV3(root);
    expect((await runCli(['check', '--cwd', root, '--level', 'NONE'])).code).toBe(0);
  });

  it('exits 2 for a schema that does not parse', async () => {
    const { root } = exampleProject();
    writeFileSync(join(root, `${ORDER}/v3.avsc`), '{"type": "record", "name": "X", "fields": [');
    const r = await runCli(['check', '--cwd', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${ORDER}/v3.avsc`);
  });
});

describe('eventc check (ad hoc files)', () => {
  it('checks a new file against older ones, with shared types from the domain', async () => {
    const { root } = exampleProject();
    addIncompatibleV3(root);
    const files = (n: number) => join(root, `${ORDER}/v${n}.avsc`);
    const backward = await runCli(['check', files(3), '--against', files(1), files(2)]);
    expect(backward.code).toBe(1);
    // BACKWARD is not transitive: only the last older file (v2) counts.
    expect(backward.stdout).toContain('readers of v3 cannot read v2 data [TYPE_MISMATCH]');
    expect(backward.stdout).not.toContain('v1 data');
    const ok = await runCli(['check', '--level', 'NONE', files(3), '--against', files(2)]);
    expect(ok.code).toBe(0);
    const good = await runCli(['check', '--level', 'FULL', files(2), '--against', files(1)]);
    expect(good.code).toBe(0);
  });

  it('exits 2 for usage errors', async () => {
    expect((await runCli(['check', 'new.avsc'])).code).toBe(2);
    expect((await runCli(['check', '--against', 'a', 'b'])).code).toBe(2);
    expect((await runCli(['check', '--level', 'SIDEWAYS'])).code).toBe(2);
    expect((await runCli(['check', '--format', 'xml'])).code).toBe(2);
    const missing = await runCli(['check', 'nope.avsc', '--against', 'old.avsc']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.avsc: cannot be read');
  });
});

describe('eventc check --against <git-ref>', () => {
  it('accepts a compatible new version and rejects edits to published ones', async () => {
    const { root } = exampleProject();
    commitAll(root);
    addCompatibleV3(root);
    expect((await runCli(['check', '--cwd', root, '--against', 'main'])).code).toBe(0);

    const v1 = join(root, `${ORDER}/v1.avsc`);
    writeFileSync(v1, readFileSync(v1, 'utf8').replace('"doc": "', '"doc": "Edited. '));
    // Deleting v3 and v2 leaves a valid contract once no service reads v2.
    rmSync(join(root, `${ORDER}/v3.avsc`));
    rmSync(join(root, `${ORDER}/v2.avsc`));
    const manifest = join(root, 'eventc.yaml');
    const yaml = readFileSync(manifest, 'utf8');
    writeFileSync(
      manifest,
      yaml.replace('{ event: OrderCreated, version: 2 }', '{ event: OrderCreated, version: 1 }'),
    );
    const r = await runCli(['check', '--cwd', root, '--against', 'main', '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(r.code).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
      ['PUBLISHED_VERSION_EDITED', `${ORDER}/v1.avsc`],
      ['PUBLISHED_VERSION_DELETED', `${ORDER}/v2.avsc`],
    ]);
    expect(report.findings[0]!.message).toBe(
      'OrderCreated v1 was published at main and its file was edited; published versions must not change',
    );
  });

  it('reports an edit to a shared type that changes a published version', async () => {
    const { root } = exampleProject();
    commitAll(root);
    const money = join(root, 'schemas/shop/common/Money.avsc');
    const json = JSON.parse(readFileSync(money, 'utf8')) as { fields: Record<string, unknown>[] };
    json.fields.push({ name: 'note', type: ['null', 'string'], default: null });
    writeFileSync(money, JSON.stringify(json, null, 2));
    const r = await runCli(['check', '--cwd', root, '--against', 'main', '--format', 'json']);
    const rules = (JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.rule);
    expect(r.code).toBe(1);
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules)).toEqual(new Set(['PUBLISHED_VERSION_EDITED']));
  });

  it('checks new versions against the history at the ref, in a shallow clone of a subfolder project', async () => {
    const { top } = exampleProject('contracts');
    commitAll(top);
    const clone = mkdtempSync(join(tmpdir(), 'eventc-clone-'));
    git(clone, 'clone', '-q', '--depth', '1', `file://${top}`, 'repo');
    const project = join(clone, 'repo', 'contracts');
    addIncompatibleV3(project);
    const r = await runCli(['check', '--cwd', project, '--against', 'HEAD', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => f.rule)).toEqual(Array(4).fill('TYPE_MISMATCH'));
  });

  it('treats every version as new when the ref has no manifest, and names a ref that does not load', async () => {
    const { root } = exampleProject();
    const manifest = readFileSync(join(root, 'eventc.yaml'), 'utf8');
    rmSync(join(root, 'eventc.yaml'));
    writeFileSync(join(root, 'README'), 'before eventc\n');
    commitAll(root);
    writeFileSync(join(root, 'eventc.yaml'), manifest);
    expect((await runCli(['check', '--cwd', root, '--against', 'main'])).code).toBe(0);
    addIncompatibleV3(root);
    expect((await runCli(['check', '--cwd', root, '--against', 'main'])).code).toBe(1);

    writeFileSync(join(root, 'eventc.yaml'), 'schemas: [not, a, path]\n');
    git(root, 'add', '.');
    git(
      root,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '-m',
      'broken',
    );
    writeFileSync(join(root, 'eventc.yaml'), manifest);
    const broken = await runCli(['check', '--cwd', root, '--against', 'HEAD']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^eventc: the contract at HEAD does not load:\neventc\.yaml/);
  });

  it('exits 2 with a clear message for an unknown ref', async () => {
    const { root } = exampleProject();
    commitAll(root);
    const r = await runCli(['check', '--cwd', root, '--against', 'no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'eventc: unknown git ref "no-such-branch"; in a shallow clone fetch it first (git fetch --depth=1 origin no-such-branch)\n',
    );
  });
});

describe('eventc check output formats', () => {
  it('github annotations and JUnit XML carry the findings', async () => {
    const { root } = exampleProject();
    addIncompatibleV3(root);
    const gh = await runCli(['check', '--cwd', root, '--format', 'github']);
    const lines = gh.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      `::error file=${ORDER}/v3.avsc,line=17,col=15,title=TYPE_MISMATCH at /fields/customerId/type::field "customerId" changed from string to long; readers of v3 cannot read v1 data; no consumer in this contract reads v3: this breaks nobody here (fix: keep string, or change it to a type string is promoted to (bytes))`,
    );
    const junit = await runCli(['check', '--cwd', root, '--format', 'junit']);
    expect(junit.stdout).toContain(
      '<testsuite name="eventc check" tests="3" failures="1" errors="0">',
    );
    expect(junit.stdout).toContain('<testcase classname="eventc check" name="InventoryRejected"/>');
    expect(junit.stdout).toContain(
      'message="field &quot;customerId&quot; changed from string to long;',
    );
    expect(junit.stdout).not.toMatch(/"customerId"/);
  });

  it('--list-rules lists every rule with its purpose', async () => {
    const r = await runCli(['check', '--list-rules']);
    expect(r.code).toBe(0);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(':')[0]);
    expect(ids).toEqual(compatRules.map((rule) => rule.id));
    expect(r.stdout).toMatch(
      /^FIXED_SIZE_MISMATCH: A fixed type reads only writer values of exactly its own size\.$/m,
    );
  });
});
