/** `eventc lint`: each rule on a deliberately sloppy project, `--disable`, formats and exit codes. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../support/cli.js';

/** A project whose one event breaks every lint rule once (but UNION_DEFAULT_NOT_FIRST, tested on its own). */
function sloppyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'eventc-lint-'));
  const folder = join(root, 'schemas', 'shop', 'order_placed');
  mkdirSync(folder, { recursive: true });
  const v1 = {
    type: 'record',
    name: 'order_placed',
    fields: [
      { name: 'OrderId', type: 'string' },
      {
        name: 'state',
        doc: 'Where the order is.',
        type: {
          type: 'enum',
          name: 'State',
          namespace: 'com.shop',
          doc: 'States.',
          symbols: ['new', 'PAID'],
        },
      },
    ],
  };
  const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: 'string', doc: 'A note.' }] };
  writeFileSync(join(folder, 'v1.avsc'), JSON.stringify(v1, null, 2));
  writeFileSync(join(folder, 'v2.avsc'), JSON.stringify(v2, null, 2));
  writeFileSync(
    join(root, 'eventc.yaml'),
    [
      'schemas: schemas',
      'events:',
      '  - { name: OrderPlaced, folder: shop/order_placed, topic: orders }',
      '',
    ].join('\n'),
  );
  return root;
}

interface JsonReport {
  compatible: boolean;
  findings: { rule: string; file: string; location: string; message: string; fix: string }[];
}

const V1 = 'schemas/shop/order_placed/v1.avsc';
const V2 = 'schemas/shop/order_placed/v2.avsc';

/** Every rule except NEW_FIELD_DEFAULT: turned off, the sloppy project has one problem left. */
const ALL_BUT_NEW_FIELD_DEFAULT = [
  'EVENT_DOC',
  'FIELD_DOC',
  'NAMESPACE_PRESENT',
  'ENUM_DEFAULT',
  'TYPE_NAME_PASCAL_CASE',
  'FIELD_NAME_CAMEL_CASE',
  'ENUM_SYMBOL_UPPER_SNAKE_CASE',
];

describe('eventc lint', () => {
  it('passes on the example contract', async () => {
    const r = await runCli(['lint', '--cwd', new URL('../../../..', import.meta.url).pathname]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^eventc lint: no problems in \d+ files\n$/);
  });

  it('reports each rule with file, location, message and fix', async () => {
    const r = await runCli(['lint', '--cwd', sloppyProject(), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.compatible).toBe(false);
    expect(report.findings.map((f) => [f.rule, f.file, f.location, f.message])).toEqual([
      ['EVENT_DOC', V1, '/', 'record "order_placed" has no doc'],
      ['NAMESPACE_PRESENT', V1, '/', 'record "order_placed" has no namespace'],
      ['TYPE_NAME_PASCAL_CASE', V1, '/', 'record name "order_placed" is not PascalCase'],
      ['FIELD_DOC', V1, '/fields/0', 'field "OrderId" of record "order_placed" has no doc'],
      [
        'FIELD_NAME_CAMEL_CASE',
        V1,
        '/fields/0',
        'field name "OrderId" of record "order_placed" is not camelCase',
      ],
      ['ENUM_DEFAULT', V1, '/fields/1/type', 'enum "com.shop.State" has no default symbol'],
      [
        'ENUM_SYMBOL_UPPER_SNAKE_CASE',
        V1,
        '/fields/1/type',
        'enum "com.shop.State" has symbols that are not UPPER_SNAKE_CASE: "new"',
      ],
      ['EVENT_DOC', V2, '/', 'record "order_placed" has no doc'],
      ['NAMESPACE_PRESENT', V2, '/', 'record "order_placed" has no namespace'],
      ['TYPE_NAME_PASCAL_CASE', V2, '/', 'record name "order_placed" is not PascalCase'],
      ['FIELD_DOC', V2, '/fields/0', 'field "OrderId" of record "order_placed" has no doc'],
      [
        'FIELD_NAME_CAMEL_CASE',
        V2,
        '/fields/0',
        'field name "OrderId" of record "order_placed" is not camelCase',
      ],
      ['ENUM_DEFAULT', V2, '/fields/1/type', 'enum "com.shop.State" has no default symbol'],
      [
        'ENUM_SYMBOL_UPPER_SNAKE_CASE',
        V2,
        '/fields/1/type',
        'enum "com.shop.State" has symbols that are not UPPER_SNAKE_CASE: "new"',
      ],
      [
        'NEW_FIELD_DEFAULT',
        V2,
        '/fields/2',
        'field "note" of record "order_placed" is new in v2 and has no default',
      ],
    ]);
    const fixes = Object.fromEntries(report.findings.map((f) => [f.rule, f.fix]));
    expect(fixes.FIELD_NAME_CAMEL_CASE).toBe(
      'rename it, e.g. "orderId", with an alias "OrderId" if published',
    );
    expect(fixes.TYPE_NAME_PASCAL_CASE).toBe(
      'rename it, e.g. "OrderPlaced", with an alias "order_placed" if published',
    );
    expect(fixes.ENUM_SYMBOL_UPPER_SNAKE_CASE).toBe('rename them, e.g. "NEW"');
  });

  it('--disable turns rules off; unknown rules are a usage error', async () => {
    const root = sloppyProject();
    const r = await runCli(['lint', '--cwd', root, '--disable', ...ALL_BUT_NEW_FIELD_DEFAULT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${V2}:/fields/2: field "note" of record "order_placed" is new in v2 and has no default [NEW_FIELD_DEFAULT]\n` +
        '  fix: add a default to field "note" (e.g. make it ["null", ...] with default null)\n' +
        'eventc lint: 1 problem in 2 files\n',
    );
    const clean = await runCli([
      'lint',
      '--cwd',
      root,
      '--disable',
      ...ALL_BUT_NEW_FIELD_DEFAULT,
      'NEW_FIELD_DEFAULT',
    ]);
    expect(clean.code).toBe(0);
    const bad = await runCli(['lint', '--cwd', root, '--disable', 'NO_SUCH_RULE']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown lint rule "NO_SUCH_RULE"');
  });

  it('turns rules off from the manifest, and names it for unknown rules', async () => {
    const root = sloppyProject();
    const manifest = join(root, 'eventc.yaml');
    const base = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, `${base}lint:\n  disable: [${ALL_BUT_NEW_FIELD_DEFAULT.join(', ')}]\n`);
    const r = await runCli(['lint', '--cwd', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[NEW_FIELD_DEFAULT]');
    expect(r.stdout).toContain('eventc lint: 1 problem in 2 files');
    // The command line adds to the manifest's list.
    expect((await runCli(['lint', '--cwd', root, '--disable', 'NEW_FIELD_DEFAULT'])).code).toBe(0);

    writeFileSync(manifest, `${base}lint:\n  disable: [NO_SUCH_RULE]\n`);
    const unknown = await runCli(['lint', '--cwd', root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('eventc.yaml: lint.disable: unknown lint rule "NO_SUCH_RULE"');

    writeFileSync(manifest, `${base}lint:\n  disable: [field doc]\n  enable: []\n`);
    const invalid = await runCli(['lint', '--cwd', root]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('lint.disable[0]');
    expect(invalid.stderr).toContain('unknown key "enable"');
  });
});

describe('UNION_DEFAULT_NOT_FIRST', () => {
  it('warns about a union default of a later branch, which Avro 1.11 refuses', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eventc-lint-union-'));
    const folder = join(root, 'schemas', 'shop', 'Noted');
    mkdirSync(folder, { recursive: true });
    const field = (name: string, type: unknown, dflt: unknown) => ({
      name,
      type,
      default: dflt,
      doc: 'A field.',
    });
    writeFileSync(
      join(folder, 'v1.avsc'),
      JSON.stringify({
        type: 'record',
        name: 'Noted',
        namespace: 'com.shop',
        doc: 'Something noted.',
        fields: [
          field('late', ['string', 'null'], null),
          field('first', ['null', 'string'], null),
          field('count', ['null', 'int', 'string'], 3),
        ],
      }),
    );
    writeFileSync(
      join(root, 'eventc.yaml'),
      'schemas: schemas\nevents:\n  - { name: Noted, folder: shop/Noted, topic: noted }\n',
    );
    const r = await runCli(['lint', '--cwd', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.rule, f.location, f.message, f.fix])).toEqual([
      [
        'UNION_DEFAULT_NOT_FIRST',
        '/fields/0',
        'the default of field "late" of record "com.shop.Noted" is a value of branch 1 of its union, not of the first: Avro 1.12 reads it, readers and registries on Avro 1.11 or older refuse the schema',
        'move branch 1 to the front of the union (e.g. ["null", "string"] for a null default), where every Avro reads it',
      ],
      [
        'UNION_DEFAULT_NOT_FIRST',
        '/fields/2',
        'the default of field "count" of record "com.shop.Noted" is a value of branch 1 of its union, not of the first: Avro 1.12 reads it, readers and registries on Avro 1.11 or older refuse the schema',
        'move branch 1 to the front of the union (e.g. ["null", "string"] for a null default), where every Avro reads it',
      ],
    ]);
    // Generating code is fine: Avro 1.12 rules.
    expect((await runCli(['generate', '--cwd', root])).code).toBe(0);
  });
});
