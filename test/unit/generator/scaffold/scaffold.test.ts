/**
 * Service scaffolds: `eventc generate` writes a service's entry point, handlers and one stub
 * per consumed event once, never touches them again, and when the service starts consuming
 * a new event the build fails naming the missing handler until it is added.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scaffoldServices } from '../../../../generator/scaffold/scaffold.js';
import { writeScaffolds } from '../../../../generator/scaffold/write.js';
import { runCli } from '../../../support/cli.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const BASE = join(ROOT, '.cache', 'scaffold-tests');

afterAll(() => rmSync(BASE, { recursive: true, force: true }));

const schema = (name: string) =>
  JSON.stringify({
    type: 'record',
    name,
    namespace: 'com.example.app',
    doc: `The ${name} event.`,
    fields: [{ name: 'id', type: 'string', doc: 'Identifier.' }],
  });

function manifest(consumes: string[]): string {
  return [
    'schemas: schemas',
    'events:',
    '  - { name: Ping, folder: app/Ping, topic: app.ping }',
    '  - { name: Pong, folder: app/Pong, topic: app.pong }',
    'services:',
    '  - { name: pinger, produces: [Ping] }',
    `  - { name: svc, produces: [Pong], consumes: [${consumes.join(', ')}] }`,
    '',
  ].join('\n');
}

/** A project inside the repository, so TypeScript finds its node_modules. */
function project(): string {
  mkdirSync(BASE, { recursive: true });
  const dir = mkdtempSync(join(BASE, 'p-'));
  for (const name of ['Ping', 'Pong']) {
    mkdirSync(join(dir, 'schemas', 'app', name), { recursive: true });
    writeFileSync(join(dir, 'schemas', 'app', name, 'v1.avsc'), schema(name));
  }
  writeFileSync(join(dir, 'eventc.yaml'), manifest(['Ping']));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        paths: {
          'eventc/runtime': [join(ROOT, 'runtime', 'index.ts')],
          'eventc/runtime/codegen': [join(ROOT, 'runtime', 'codegen', 'index.ts')],
        },
      },
      include: ['generated', 'services'],
    }),
  );
  return dir;
}

/** Type errors in the project's own files (the runtime's sources are checked too). */
function typeErrors(dir: string): string[] {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return [];
  } catch (err) {
    const out = String((err as { stdout?: string }).stdout ?? err);
    return out.split('\n').filter((l) => l.startsWith('services/') || l.startsWith('generated/'));
  }
}

describe('service scaffolds', () => {
  it('scaffolds main, handlers and one stub per consumed event, sorted by path', async () => {
    const files = await scaffoldServices({
      services: [
        {
          name: 'svc',
          produces: [{ event: 'Pong', version: 1 }],
          consumes: [{ event: 'OrderCreated', version: 2 }],
        },
        { name: 'pinger', produces: [{ event: 'Ping', version: 1 }], consumes: [] },
      ],
    });
    expect(files.map((f) => f.path)).toEqual([
      'services/pinger/main.ts',
      'services/svc/handlers.ts',
      'services/svc/main.ts',
      'services/svc/on-order-created.ts',
    ]);
    const stub = files.find((f) => f.path.endsWith('on-order-created.ts'))!.content;
    expect(stub).toContain("export const onOrderCreated: SvcServiceHandlers['onOrderCreated']");
    expect(stub).toContain("throw new Error('not implemented: svc handler for OrderCreated')");
    expect(files.find((f) => f.path === 'services/svc/main.ts')!.content).toContain(
      "from '../../generated/services/svc.js'",
    );
  });

  it('never overwrites a file that exists', async () => {
    mkdirSync(BASE, { recursive: true });
    const dir = mkdtempSync(join(BASE, 's-'));
    const files = await scaffoldServices({
      services: [{ name: 'svc', produces: [], consumes: [{ event: 'Ping', version: 1 }] }],
    });
    mkdirSync(join(dir, 'services', 'svc'), { recursive: true });
    writeFileSync(join(dir, 'services', 'svc', 'on-ping.ts'), '// mine\n');
    const messages = await writeScaffolds(dir, files);
    expect(readFileSync(join(dir, 'services', 'svc', 'on-ping.ts'), 'utf8')).toBe('// mine\n');
    expect(messages).toEqual([
      'wrote services/svc/handlers.ts (handlers of service "svc")',
      'wrote services/svc/main.ts (entry point of service "svc")',
    ]);
    expect(await writeScaffolds(dir, files)).toEqual([]);
  });

  it('turns a newly consumed event into a compile error naming the handler, and a new stub', async () => {
    const dir = project();
    const first = await runCli(['generate', '--cwd', dir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('wrote services/svc/on-ping.ts');
    expect(typeErrors(dir)).toEqual([]);

    const handlers = join(dir, 'services', 'svc', 'handlers.ts');
    const before = readFileSync(handlers, 'utf8');
    const mine = join(dir, 'services', 'svc', 'on-ping.ts');
    writeFileSync(
      mine,
      readFileSync(mine, 'utf8').replace('throw new Error', 'void 0; throw new Error'),
    );
    const edited = readFileSync(mine, 'utf8');

    writeFileSync(join(dir, 'eventc.yaml'), manifest(['Ping', 'Pong']));
    const second = await runCli(['generate', '--cwd', dir]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(
      'wrote services/svc/on-pong.ts (new handler stub): add onPong to services/svc/handlers.ts',
    );
    expect(readFileSync(handlers, 'utf8')).toBe(before);
    expect(readFileSync(mine, 'utf8')).toBe(edited);

    const errors = typeErrors(dir);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/services\/svc\/handlers\.ts.*onPong/);

    writeFileSync(
      handlers,
      before
        .replace(
          "import { onPing } from './on-ping.js';",
          "import { onPing } from './on-ping.js';\nimport { onPong } from './on-pong.js';",
        )
        .replace('  onPing,', '  onPing,\n  onPong,'),
    );
    expect(typeErrors(dir)).toEqual([]);
  }, 120_000);
});
