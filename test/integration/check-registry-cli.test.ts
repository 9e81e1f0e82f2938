/**
 * `eventc check --registry` from the command line on a copy of the example project (topics
 * with a unique prefix): exit 1 while the subjects are missing, 0 once registered, 1 again
 * for a new version the registry refuses, with the finding on the right line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { exampleProjectCopy, REGISTRY_URL, uniquePrefix } from './registry/contract.js';

function projectCopy(prefix: string): string {
  return exampleProjectCopy(prefix, 'eventc-check-reg-');
}

interface JsonReport {
  compatible: boolean;
  findings: { rule: string; subject: string; file?: string; line?: number }[];
}

describe('eventc check --registry (command line)', () => {
  const prefix = uniquePrefix();
  let dir: string;
  beforeAll(() => {
    dir = projectCopy(prefix);
    process.env.EVENTC_REGISTRY_URL = REGISTRY_URL;
  });

  it('reports every subject missing before registration', async () => {
    const r = await runCli(['check', '--registry', '--cwd', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.rule, f.subject])).toEqual([
      ['REGISTRY_SUBJECT_MISSING', `${prefix}.shop.inventory-rejected-value`],
      ['REGISTRY_SUBJECT_MISSING', `${prefix}.shop.inventory-reserved-value`],
      ['REGISTRY_SUBJECT_MISSING', `${prefix}.shop.order-created-value`],
    ]);
  });

  it('passes once registered, and fails for a new version the registry refuses', async () => {
    const registered = await runCli(['register', '--cwd', dir]);
    expect(registered.code).toBe(0);
    const clean = await runCli(['check', '--registry', '--cwd', dir]);
    expect(clean.stdout).toBe('eventc check: no problems in 3 subjects\n');
    expect(clean.code).toBe(0);

    const order = path.join(dir, 'schemas/shop/OrderCreated');
    const v2 = JSON.parse(readFileSync(path.join(order, 'v2.avsc'), 'utf8')) as {
      fields: { name: string; type: unknown }[];
    };
    v2.fields = v2.fields.map((f) => (f.name === 'customerId' ? { ...f, type: 'int' } : f));
    writeFileSync(path.join(order, 'v3.avsc'), JSON.stringify(v2, null, 2));
    const r = await runCli(['check', '--registry', '--cwd', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect([f.rule, f.subject, f.file, f.line]).toEqual([
        'TYPE_MISMATCH',
        `${prefix}.shop.order-created-value`,
        'schemas/shop/OrderCreated/v3.avsc',
        17,
      ]);
    }
  });
});
