/**
 * `eventc init` in an existing npm project: what it writes, that a second run changes
 * nothing, that it keeps what is there, and the projects it refuses (writing nothing).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../../generator/load/index.js';
import { runCli } from '../../../support/cli.js';

let dir: string;
/** What `npm init -y` writes with npm 11. */
const NPM_INIT = {
  name: 'Payments API',
  version: '1.0.0',
  main: 'index.js',
  scripts: { test: 'echo "Error: no test specified" && exit 1' },
  type: 'commonjs',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eventc-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writePackage(pkg: object): void {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}

function readPackage(): { type?: string; scripts: Record<string, string> } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    type?: string;
    scripts: Record<string, string>;
  };
}

describe('eventc init', () => {
  it('writes a manifest that loads, its first schema, tsconfig and scripts; then nothing to do', async () => {
    writePackage(NPM_INIT);
    const first = await runCli(['init', '--cwd', dir]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(
      'wrote eventc.yaml (event ExampleHappened on topic app.example-happened, service payments-api)',
    );
    const manifest = parseManifest(readFileSync(join(dir, 'eventc.yaml'), 'utf8'), 'eventc.yaml');
    expect(manifest.events.map((e) => [e.name, e.topic, e.folder])).toEqual([
      ['ExampleHappened', 'app.example-happened', 'app/ExampleHappened'],
    ]);
    expect(manifest.services.map((s) => s.name)).toEqual(['payments-api']);
    expect(existsSync(join(dir, 'schemas', 'app', 'ExampleHappened', 'v1.avsc'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'))).toMatchObject({
      compilerOptions: { outDir: 'dist', rootDir: '.', strict: true },
      include: ['generated', 'services'],
    });
    const pkg = readPackage();
    expect(pkg.type).toBe('module');
    expect(pkg.scripts).toMatchObject({
      test: NPM_INIT.scripts.test,
      build: 'tsc -p tsconfig.json',
      'eventc:generate': 'eventc generate',
      'eventc:check': 'eventc check && eventc generate --check',
    });
    // The project it made passes check.
    const check = await runCli(['check', '--cwd', dir]);
    expect(check.stdout).toContain('eventc check: no problems in 1 event');

    const files = readdirSync(dir, { recursive: true }).sort();
    const pkgText = readFileSync(join(dir, 'package.json'), 'utf8');
    const again = await runCli(['init', '--cwd', dir, '--event', 'OtherThing']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('kept eventc.yaml');
    expect(again.stdout.trim().split('\n').at(-1)).toBe(
      'eventc init: nothing to do; the project is set up',
    );
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(files);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(pkgText);
  });

  it('keeps a tsconfig and scripts of the same name, and takes names of your own', async () => {
    writePackage({ name: 'x', type: 'module', scripts: { build: 'my-build' } });
    writeFileSync(join(dir, 'tsconfig.json'), '{"mine": true}\n');
    const r = await runCli([
      'init',
      '--cwd',
      dir,
      '--event',
      'OrderPlaced',
      '--domain',
      'shop',
      '--service',
      'orders',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept tsconfig.json');
    expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(readPackage().scripts.build).toBe('my-build');
    expect(readFileSync(join(dir, 'eventc.yaml'), 'utf8')).toContain('topic: shop.order-placed');
    const schema = JSON.parse(
      readFileSync(join(dir, 'schemas/shop/OrderPlaced/v1.avsc'), 'utf8'),
    ) as {
      name: string;
      namespace: string;
    };
    expect([schema.name, schema.namespace]).toEqual(['OrderPlaced', 'com.example.shop']);
  });

  it('refuses, writing nothing, without package.json, with CommonJS code, or bad names', async () => {
    const none = await runCli(['init', '--cwd', dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no package.json in');
    expect(none.stderr).toContain('run `npm init -y` there first');

    writePackage(NPM_INIT);
    writeFileSync(join(dir, 'index.js'), 'module.exports = 1;\n');
    const cjs = await runCli(['init', '--cwd', dir]);
    expect(cjs.code).toBe(2);
    expect(cjs.stderr).toContain('package.json has "type": "commonjs" and index.js exists');
    rmSync(join(dir, 'index.js'));

    const bad = await runCli([
      'init',
      '--cwd',
      dir,
      '--event',
      'order-placed',
      '--service',
      'Orders',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--event "order-placed" must be PascalCase');
    expect(bad.stderr).toContain('--service "Orders" must be a DNS label');

    mkdirSync(join(dir, 'schemas', 'app', 'ExampleHappened'), { recursive: true });
    writeFileSync(join(dir, 'schemas', 'app', 'ExampleHappened', 'v1.avsc'), '"string"');
    const taken = await runCli(['init', '--cwd', dir]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('schemas/app/ExampleHappened/v1.avsc exists already');

    // Only what the test itself wrote is there.
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'schemas']);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual(NPM_INIT);
  });
});
