import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../support/cli.js';

const record = (name: string) =>
  JSON.stringify({
    type: 'record',
    name,
    namespace: 'com.example.loop',
    doc: `${name} event`,
    fields: [{ name: 'id', type: 'string', doc: 'id' }],
  });

/** A project where order and inventory consume each other's events. */
function cyclicProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'eventc-graph-'));
  for (const name of ['OrderPlaced', 'StockChanged', 'Audit']) {
    mkdirSync(join(root, 'schemas', 'loop', name), { recursive: true });
    writeFileSync(join(root, 'schemas', 'loop', name, 'v1.avsc'), record(name));
  }
  writeFileSync(
    join(root, 'eventc.yaml'),
    [
      'schemas: schemas',
      'events:',
      '  - { name: OrderPlaced, folder: loop/OrderPlaced, topic: orders }',
      '  - { name: StockChanged, folder: loop/StockChanged, topic: stock }',
      '  - { name: Audit, folder: loop/Audit, topic: audit }',
      'services:',
      '  - { name: order, produces: [OrderPlaced, Audit], consumes: [StockChanged] }',
      '  - { name: inventory, produces: [StockChanged], consumes: [OrderPlaced] }',
      '',
    ].join('\n'),
  );
  return root;
}

describe('eventc graph', () => {
  it('prints the example flow as Mermaid with no warnings', async () => {
    const result = await runCli(['graph']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('svc_order --> evt_OrderCreated');
    expect(result.stdout).toContain('evt_OrderCreated -->|v2| svc_inventory');
    expect(result.stderr).toBe('');
  });

  it('warns about a cycle and unconsumed events, and fails with --fail-on-cycles', async () => {
    const root = cyclicProject();
    const warned = await runCli(['graph', '--cwd', root, '--format', 'dot']);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('digraph eventc {');
    expect(warned.stderr).toContain(
      'eventc: warning: services form a cycle: inventory --StockChanged--> order --OrderPlaced--> inventory',
    );
    expect(warned.stderr).toContain('"Audit" is produced but no service consumes it');

    const failed = await runCli(['graph', '--cwd', root, '--fail-on-cycles']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('eventc: error: services form a cycle');
  });

  it('names the manifest when it is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eventc-graph-empty-'));
    const result = await runCli(['graph', '--cwd', root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^eventc: .*eventc\.yaml/);
  });
});
