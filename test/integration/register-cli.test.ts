import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../generator/registry/client.js';
import { parseLockFile } from '../../runtime/registry/lockfile.js';
import { runCli } from '../support/cli.js';
import { exampleProjectCopy, REGISTRY_URL, uniquePrefix } from './registry/contract.js';

function projectCopy(prefix: string): string {
  return exampleProjectCopy(prefix, 'eventc-cli-');
}

async function eventc(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(args);
  return { code, out: stdout, err: stderr };
}

describe('eventc register (command line)', () => {
  const prefix = uniquePrefix();
  let dir: string;
  const client = new RegistryClient({ url: REGISTRY_URL });
  beforeAll(() => {
    dir = projectCopy(prefix);
    process.env.EVENTC_REGISTRY_URL = REGISTRY_URL;
  });

  it('prints the plan on --dry-run and touches nothing', async () => {
    const r = await eventc('register', '--cwd', dir, '--dry-run');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${prefix}.shop.order-created-value (OrderCreated value): create subject; set level FULL_TRANSITIVE`,
    );
    expect(r.out).toContain('add v1, v2');
    expect(r.out).toMatch(/would register 4, unchanged 0, levels to set 3/);
    expect(await client.versions(`${prefix}.shop.order-created-value`)).toEqual([]);
    expect(existsSync(path.join(dir, 'schemas', 'eventc.lock.default.json'))).toBe(false);
  });

  it('registers, writes the lock file, and says nothing to do the second time', async () => {
    const first = await eventc('register', '--cwd', dir, '--env', 'ci');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('wrote schemas/eventc.lock.ci.json');
    expect(first.out).toMatch(/registered 4, unchanged 0, levels set 3/);
    const lockFile = path.join(dir, 'schemas', 'eventc.lock.ci.json');
    const text = readFileSync(lockFile, 'utf8');
    const lock = parseLockFile(text, lockFile);
    expect(lock.env).toBe('ci');
    expect(lock.entries.map((e) => `${e.event} v${e.version}`)).toEqual([
      'InventoryRejected v1',
      'InventoryReserved v1',
      'OrderCreated v1',
      'OrderCreated v2',
    ]);
    const second = await eventc('register', '--cwd', dir, '--env', 'ci');
    expect(second.code).toBe(0);
    expect(second.out.trim()).toBe('nothing to do: 4 versions already registered');
    expect(readFileSync(lockFile, 'utf8')).toBe(text);
  });

  it('reports lock-file drift in eventc check --registry', async () => {
    const lockFile = path.join(dir, 'schemas', 'eventc.lock.ci.json');
    process.env.EVENTC_ENV = 'ci';
    try {
      const clean = await eventc('check', '--registry', '--cwd', dir, '--format', 'json');
      expect(JSON.parse(clean.out)).toMatchObject({ compatible: true, findings: [] });
      const lock = parseLockFile(readFileSync(lockFile, 'utf8'));
      const original = readFileSync(lockFile, 'utf8');
      lock.entries[0]!.fingerprint = 'f'.repeat(64);
      lock.entries[1]!.id += 1000;
      writeFileSync(lockFile, JSON.stringify(lock));
      const drift = await eventc('check', '--registry', '--cwd', dir, '--format', 'json');
      const report = JSON.parse(drift.out) as { findings: { rule: string }[] };
      expect(report.findings.map((f) => f.rule).sort()).toEqual([
        'LOCK_FINGERPRINT_MISMATCH',
        'REGISTRY_ID_MISMATCH',
      ]);
      writeFileSync(lockFile, original);
    } finally {
      delete process.env.EVENTC_ENV;
      process.exitCode = 0;
    }
  });

  it('exits 1 with both explanations when the registry refuses a version', async () => {
    const v2 = readFileSync(path.join(dir, 'schemas/shop/OrderCreated/v2.avsc'), 'utf8');
    const bad = JSON.parse(v2) as { fields: { name: string; type: unknown }[] };
    bad.fields[0]!.type = 'int';
    writeFileSync(
      path.join(dir, 'schemas/shop/OrderCreated/v3.avsc'),
      JSON.stringify(bad, null, 2),
    );
    const r = await eventc('register', '--cwd', dir, '--env', 'ci');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${prefix}.shop.order-created-value: the registry refused v3`);
    expect(r.err).toContain('[TYPE_MISMATCH]');
    expect(r.err).toMatch(/eventc: the registry refused 1 version/);
    expect(await client.versions(`${prefix}.shop.order-created-value`)).toEqual([1, 2]);
  });
});
