/**
 * Bad input as CI reads it: every problem at once with `file:line:col`, in every output
 * format of check, lint and generate; the project root found from a subfolder; a missing
 * manifest and an unknown command that say what to do; generate's compatibility warnings.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../support/cli.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventc-input-'));
  cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
  cpSync(join(ROOT, 'eventc.yaml'), join(dir, 'eventc.yaml'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

const V1 = 'schemas/shop/OrderCreated/v1.avsc';

/** A typo in the manifest, a bad version pin and an unknown type in a schema. */
function breakEverything(): void {
  edit('eventc.yaml', 'topic: shop.inventory-reserved', 'topik: shop.inventory-reserved');
  edit('eventc.yaml', '{ event: OrderCreated, version: 2 }', '{ event: OrderCreated, version: 9 }');
  edit(V1, '"type": "string"', '"type": "strin"');
}

describe('input errors', () => {
  it('reports every problem at once, each as file:line:col', async () => {
    breakEverything();
    const r = await runCli(['check', '--cwd', dir]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^eventc: eventc\.yaml:\d+:5: events\[1\]\.topik: unknown key "topik". Did you mean "topic"\?$/,
    );
    expect(r.stderr).toMatch(/\neventc\.yaml:\d+:\d+: events\[1\]: missing required key "topic"\n/);
    expect(r.stderr).toMatch(
      /\neventc\.yaml:\d+:\d+: services\[1\]\.consumes\[0\]\.version: event "OrderCreated" has no version 9; its versions are 1\.\.2\n/,
    );
    expect(r.stderr).toMatch(
      new RegExp(
        `\\n${V1}:9:25: /fields/0/type/type: unknown type "strin". Did you mean "string"\\?`,
      ),
    );
  });

  for (const tool of ['check', 'lint', 'generate']) {
    it(`${tool} prints input errors as json, github and junit reports (exit 2)`, async () => {
      breakEverything();
      const json = await runCli([tool, '--cwd', dir, '--format', 'json']);
      expect(json.code).toBe(2);
      expect(json.stderr).toBe('');
      const report = JSON.parse(json.stdout) as {
        findings: { rule: string; file: string; line?: number; message: string }[];
      };
      expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
        ['INPUT_ERROR', 'eventc.yaml'],
        ['INPUT_ERROR', 'eventc.yaml'],
        ['INPUT_ERROR', 'eventc.yaml'],
        ['INPUT_ERROR', V1],
      ]);
      expect(report.findings.every((f) => typeof f.line === 'number')).toBe(true);

      const github = await runCli([tool, '--cwd', dir, '--format', 'github']);
      expect(github.code).toBe(2);
      expect(github.stdout).toMatch(
        new RegExp(`^::error file=${V1},line=9,col=25,title=INPUT_ERROR`, 'm'),
      );
      expect(github.stdout.trim().split('\n')).toHaveLength(4);

      const junit = await runCli([tool, '--cwd', dir, '--format', 'junit']);
      expect(junit.code).toBe(2);
      expect(junit.stdout).toContain(`<testcase classname="eventc ${tool}" name="${V1}">`);
      expect(junit.stdout).toContain('<failure type="INPUT_ERROR"');
      expect(existsSync(join(dir, 'generated'))).toBe(false);
    });
  }

  it('locates problems of plain schema files too (ad hoc check, plain generate)', async () => {
    const bad = join(dir, 'bad.avsc');
    writeFileSync(
      bad,
      '{\n  "type": "record",\n  "name": "X",\n  "fields": [{ "name": "a", "type": "nope" }]\n}\n',
    );
    const check = await runCli(['check', bad, '--against', bad, '--format', 'github']);
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/^::error file=[^,]*bad\.avsc,line=4,col=\d+,title=INPUT_ERROR/);
    const plain = await runCli(['generate', 'bad.avsc', '--cwd', dir, '--out', 'types']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(
      /^eventc: bad\.avsc:4:\d+: \/fields\/0\/type: unknown type "nope"/,
    );
  });

  it('finds eventc.yaml in a folder above, as git finds its repository', async () => {
    const deeper = join(dir, 'services', 'somewhere');
    mkdirSync(deeper, { recursive: true });
    const r = await runCli(['check', '--cwd', deeper]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('eventc check: no problems in 3 events');
  });

  it('says how to start when there is no eventc.yaml anywhere above', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'eventc-empty-'));
    try {
      const r = await runCli(['generate', '--cwd', empty]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `eventc: eventc.yaml: not found in ${empty} or any folder above it; run \`eventc init\``,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('an unknown command lists the commands, with a suggestion', async () => {
    const r = await runCli(['generat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^eventc: unknown command "generat". Did you mean "generate"\? The commands are:\n/,
    );
    for (const c of [
      'init',
      'generate',
      'check',
      'lint',
      'graph',
      'up',
      'topics',
      'register',
      'deploy',
    ]) {
      expect(r.stderr).toMatch(new RegExp(`\\n  ${c} +\\S`));
    }
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('eventc: give a command. The commands are:\n  init ');
  });
});

describe('generate on an incompatible contract', () => {
  const V2 = 'schemas/shop/InventoryRejected/v2.avsc';
  function addIncompatibleVersion(): void {
    const v1 = JSON.parse(
      readFileSync(join(dir, 'schemas/shop/InventoryRejected/v1.avsc'), 'utf8'),
    ) as {
      fields: object[];
    };
    v1.fields.push({ name: 'note', type: 'string' });
    writeFileSync(join(dir, V2), JSON.stringify(v1, null, 2));
  }

  it('warns and points to eventc check; --strict fails and writes nothing', async () => {
    addIncompatibleVersion();
    const strict = await runCli(['generate', '--cwd', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      new RegExp(
        `1 compatibility problem in the contract; nothing was written \\(--strict\\):\\n  ${V2}:\\d+:\\d+: /fields/note: field "note" was added without a default`,
      ),
    );
    expect(existsSync(join(dir, 'generated'))).toBe(false);

    const loose = await runCli(['generate', '--cwd', dir]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain('eventc: warning: 1 compatibility problem in the contract:');
    expect(loose.stderr).toContain('[READER_FIELD_MISSING_DEFAULT_VALUE]');
    expect(loose.stderr).toContain('run `eventc check`');
    expect(existsSync(join(dir, 'generated', 'events', 'InventoryRejected.ts'))).toBe(true);
  });

  it('warns about a published version edited since a lock file registered it', async () => {
    const lock = {
      format: 1,
      env: 'prod',
      entries: [
        {
          subject: 'shop.inventory-rejected-value',
          event: 'InventoryRejected',
          role: 'value',
          version: 1,
          registryVersion: 1,
          id: 7,
          fingerprint: 'f'.repeat(64),
        },
      ],
    };
    writeFileSync(join(dir, 'schemas', 'eventc.lock.prod.json'), JSON.stringify(lock));
    const r = await runCli(['generate', '--cwd', dir]);
    expect(r.stderr).toContain('[LOCK_FINGERPRINT_MISMATCH]');
    expect(r.stderr).toContain('InventoryRejected v1 differs from the schema registered in "prod"');
    expect((await runCli(['generate', '--cwd', dir, '--strict'])).code).toBe(1);
  });
});

describe('generate on schemas with invalid logical types', () => {
  it('warns with the file, line and pointer, generates the underlying type; --strict fails', async () => {
    // A new version (the published v1 stays as the lock file has it), compatible with v1.
    const v1 = 'schemas/shop/InventoryRejected/v1.avsc';
    const v2 = 'schemas/shop/InventoryRejected/v2.avsc';
    const schema = JSON.parse(readFileSync(join(dir, v1), 'utf8')) as { fields: object[] };
    schema.fields.push({
      name: 'weight',
      type: { type: 'bytes', logicalType: 'decimal', precision: 2, scale: 3 },
      default: '',
    });
    writeFileSync(join(dir, v2), JSON.stringify(schema, null, 2));
    const strict = await runCli(['generate', '--cwd', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('1 ignored logical type in the contract; nothing was written');
    expect(existsSync(join(dir, 'generated'))).toBe(false);

    const loose = await runCli(['generate', '--cwd', dir]);
    expect(loose.code, loose.stderr).toBe(0);
    expect(loose.stderr).toMatch(
      new RegExp(
        `eventc: warning: 1 ignored logical type in the contract:\\n  ${v2}:\\d+:\\d+: /fields/3/type/scale: decimal scale 3 is greater than its precision 2: the decimal is ignored, as Avro does, and the type stays bytes \\[LOGICAL_TYPE_IGNORED\\]`,
      ),
    );
    const generated = readFileSync(join(dir, 'generated/events/InventoryRejected.ts'), 'utf8');
    expect(generated).toMatch(/weight\??: Buffer;/);

    // Plain schema files say the same, about the schema files.
    const plain = await runCli(['generate', '--cwd', dir, '--out', 'plain', v2]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('eventc: warning: 1 ignored logical type in the schema files:');
  });
});
