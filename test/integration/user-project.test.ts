/**
 * The path a user takes, outside this repository: eventc packed into a tarball and
 * installed into a fresh npm project, which then runs `eventc init`, adds an event, and
 * `generate`, `tsc --strict`, `check`, `topics`, `register`, `up` (one generated service,
 * ready against the real broker and registry, on topics that did not exist) and `deploy`,
 * whose artifacts may only name paths that exist in that project's build; installs that
 * build for production without the generator's formatter and runs the service from it; then adds
 * `pg` and runs the PostgreSQL inbox from `eventc/runtime/postgres` against the stack's database.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { brokers, postgresUrl, registryUrl } from '../support/env.js';
import { pollUntil } from '../support/poll.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'eventc-user-'));
const project = join(work, 'payments');
// Topics and subjects of this run only: the domain prefixes both.
const domain = `pay${Date.now().toString(36)}`;
const env = {
  ...process.env,
  EVENTC_BROKERS: brokers.join(','),
  EVENTC_REGISTRY_URL: registryUrl,
  EVENTC_POSTGRES_URL: postgresUrl,
  EVENTC_LOG_LEVEL: 'warn',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function run(cmd: string, args: string[], cwd = project): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

/** Runs and expects exit 0, showing the output when not. */
function ok(cmd: string, args: string[], cwd = project): string {
  const r = run(cmd, args, cwd);
  const out = `${r.stdout}${r.stderr}`;
  expect(r.status, `${cmd} ${args.join(' ')}\n${out}`).toBe(0);
  return out;
}

function eventc(...args: string[]): SpawnSyncReturns<string> {
  return run(join(project, 'node_modules', '.bin', 'eventc'), args);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts a service process, waits until its /readyz on `port` answers, stops it with SIGTERM,
 * and returns its exit code and output (the output is in the error when it never got ready).
 */
async function untilReadyThenStop(
  cmd: string,
  args: string[],
  cwd: string,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  try {
    await pollUntil(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
          signal: AbortSignal.timeout(2000),
        });
        return res.ok;
      },
      { timeoutMs: 90_000, intervalMs: 250, message: `${args.join(' ')} ready on port ${port}` },
    ).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}\n${output}`);
    });
  } finally {
    child.kill('SIGTERM');
  }
  return { exitCode: await exited, output };
}

beforeAll(() => {
  ok('npm', ['pack', '--pack-destination', work], repo);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  ok('mkdir', ['-p', project], work);
  ok('npm', ['init', '-y']);
  ok('npm', [
    'install',
    '--prefer-offline',
    join(work, tarball),
    join(repo, 'node_modules', 'typescript'),
    join(repo, 'node_modules', '@types', 'node'),
  ]);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a fresh project that installs eventc from a packed tarball', () => {
  it('installs only what users need', () => {
    const pkg = join(project, 'node_modules', 'eventc');
    expect(existsSync(join(pkg, 'dist', 'generator', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'runtime', 'index.js'))).toBe(true);
    for (const absent of [
      'test',
      'services',
      '.ci',
      'dist/test',
      'dist/services',
      'dist/generated',
      'infra',
    ]) {
      expect(existsSync(join(pkg, absent)), absent).toBe(false);
    }
    expect(existsSync(join(project, 'node_modules', '@kafkajs', 'confluent-schema-registry'))).toBe(
      false,
    );
  });

  it('init writes the contract and scripts, and a second run changes nothing', () => {
    const first = eventc(
      'init',
      '--event',
      'PaymentRequested',
      '--domain',
      domain,
      '--service',
      'payments',
    );
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('wrote eventc.yaml');
    const manifest = readFileSync(join(project, 'eventc.yaml'), 'utf8');
    const again = eventc('init');
    expect(again.stdout).toContain('eventc init: nothing to do');
    expect(readFileSync(join(project, 'eventc.yaml'), 'utf8')).toBe(manifest);
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as {
      type: string;
      scripts: Record<string, string>;
    };
    expect(pkg.type).toBe('module');
    expect(pkg.scripts['eventc:generate']).toBe('eventc generate');
  });

  it('takes a new event, generates strict TypeScript and passes check', () => {
    // A second event and a service that consumes the first and publishes it.
    const manifest = readFileSync(join(project, 'eventc.yaml'), 'utf8')
      .replace(
        'services:\n',
        `  - name: PaymentSettled\n    folder: ${domain}/PaymentSettled\n    topic: ${domain}.payment-settled\n\nservices:\n`,
      )
      .concat(
        '  - name: notifier\n    consumes: [PaymentRequested]\n    produces: [PaymentSettled]\n',
      );
    writeFileSync(join(project, 'eventc.yaml'), manifest);
    ok('mkdir', ['-p', join(project, 'schemas', domain, 'PaymentSettled')]);
    writeFileSync(
      join(project, 'schemas', domain, 'PaymentSettled', 'v1.avsc'),
      JSON.stringify({
        type: 'record',
        name: 'PaymentSettled',
        namespace: 'com.example.payments',
        fields: [
          { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
          { name: 'amountCents', type: 'long' },
        ],
      }),
    );
    const generated = eventc('generate');
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toContain('wrote services/notifier/main.ts');
    ok(join(project, 'node_modules', '.bin', 'tsc'), [
      '--strict',
      '--noEmit',
      '-p',
      'tsconfig.json',
    ]);
    ok('npm', ['run', 'build']);
    expect(existsSync(join(project, 'dist', 'services', 'notifier', 'main.js'))).toBe(true);
    const check = eventc('check');
    expect(check.stdout).toContain('eventc check: no problems in 2 events');
    expect(check.status).toBe(0);
  });

  it('plans the topics, registers the schemas, and up starts a service on topics it creates', async () => {
    const plan = eventc('topics', '--dry-run');
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      `create   ${domain}.payment-requested (PaymentRequested): 3 partitions`,
    );
    expect(plan.stdout).toContain(
      `create   ${domain}.payment-requested.dlq (dead letters of ${domain}.payment-requested)`,
    );
    expect(plan.stdout).toContain('topics (dry run, nothing changed): 3 to create');

    const registered = eventc('register');
    expect(registered.status, `${registered.stdout}${registered.stderr}`).toBe(0);
    expect(existsSync(join(project, 'schemas', 'eventc.lock.default.json'))).toBe(true);

    const port = await freePort();
    const { exitCode, output } = await untilReadyThenStop(
      join(project, 'node_modules', '.bin', 'eventc'),
      ['up', 'notifier', '--port', String(port)],
      project,
      port,
    );
    expect(exitCode).toBe(0);
    expect(output).toContain('eventc | topics: 3 created, 0 extended, 0 altered, 0 up to date');
    expect(output).not.toMatch(/"level":"error"/);
    expect(eventc('topics').stdout).toContain('topics: 3 topics, all up to date');
  });

  it('deploy artifacts name only paths that exist in the build', () => {
    const deployed = eventc('deploy');
    expect(deployed.status, deployed.stderr).toBe(0);
    ok('npm', ['install', '--package-lock-only', '--prefer-offline']);
    const compose = parse(readFileSync(join(project, 'deploy', 'compose.yaml'), 'utf8')) as {
      services: Record<
        string,
        { build?: { context: string; dockerfile: string }; command?: string[] }
      >;
    };
    const named: string[] = [];
    for (const s of Object.values(compose.services)) {
      if (s.build) named.push(s.build.dockerfile);
      // `npx --no eventc ...`: the project's own bin.
      if (s.command?.[0] === 'npx') named.push(join('node_modules', '.bin', s.command[2]!));
    }
    for (const service of ['payments', 'notifier']) {
      const dockerfile = readFileSync(join(project, 'deploy', service, 'Dockerfile'), 'utf8');
      for (const line of dockerfile.split('\n')) {
        const copy = /^COPY (?:--chown=\S+ )?(?!--from)(.+) \S+$/.exec(line);
        if (copy) named.push(...copy[1]!.split(' '));
        const cmd = /^CMD \["node", "(.+)"\]$/.exec(line);
        if (cmd) named.push(cmd[1]!);
      }
    }
    expect(named).toContain('dist/services/notifier/main.js');
    expect(named).toContain('node_modules/.bin/eventc');
    const missing = [...new Set(named)].filter((p) => p !== '.' && !existsSync(join(project, p)));
    expect(missing).toEqual([]);
  });

  it('runs a service and eventc topics from a production install without the formatter of the generator', async () => {
    // As the Dockerfile's production stage installs it: no dev, no optional dependencies.
    const prod = join(work, 'payments-prod');
    ok('mkdir', ['-p', prod], work);
    ok('cp', ['-r', 'package.json', 'package-lock.json', 'dist', 'eventc.yaml', 'schemas', prod]);
    ok('npm', ['ci', '--omit=dev', '--omit=optional', '--prefer-offline'], prod);
    expect(existsSync(join(prod, 'node_modules', 'prettier'))).toBe(false);
    expect(existsSync(join(prod, 'node_modules', 'kafkajs'))).toBe(true);
    const bin = join(prod, 'node_modules', '.bin', 'eventc');
    // The commands an image runs work; generating code says what it misses.
    const topics = run(bin, ['topics'], prod);
    expect(topics.status, topics.stderr).toBe(0);
    expect(topics.stdout).toContain('topics: 3 topics, all up to date');
    const generate = run(bin, ['generate'], prod);
    expect(generate.status).toBe(2);
    expect(generate.stderr).toMatch(
      /generating code needs prettier, an optional dependency of eventc that this install left out/,
    );

    const port = await freePort();
    const { exitCode, output } = await untilReadyThenStop(
      'node',
      ['dist/services/notifier/main.js'],
      prod,
      port,
      { EVENTC_HTTP_PORT: String(port) },
    );
    expect(exitCode).toBe(0);
    expect(output).not.toMatch(/"level":"error"/);
  });

  it('runs the PostgreSQL inbox from eventc/runtime/postgres with its own pg', () => {
    ok('npm', ['install', '--prefer-offline', 'pg@8']);
    const consumer = `${domain}-inbox`;
    writeFileSync(
      join(project, 'inbox-check.mjs'),
      `import pg from 'pg';
import { PostgresInbox, ensureTables } from 'eventc/runtime/postgres';
const pool = new pg.Pool({ connectionString: process.env.EVENTC_POSTGRES_URL });
await ensureTables(pool);
const inbox = new PostgresInbox(pool, { consumer: ${JSON.stringify(consumer)} });
let runs = 0;
const handle = inbox.handler(async (_value, _ctx, tx) => {
  runs++;
  await tx.query('SELECT 1');
});
const ctx = { eventId: '6f1d7a0e-4a8c-4c1e-9d55-0a0b0c0d0e0f' };
await handle({}, ctx);
await Promise.all([handle({}, ctx), handle({}, ctx)]);
const { rows } = await pool.query('SELECT count(*)::int AS n FROM eventc_inbox WHERE consumer = $1', [${JSON.stringify(consumer)}]);
await pool.end();
console.log(JSON.stringify({ runs, recorded: rows[0].n }));
`,
    );
    const out = run('node', ['inbox-check.mjs']);
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ runs: 1, recorded: 1 });
    expect(
      existsSync(
        join(project, 'node_modules', 'eventc', 'dist', 'runtime', 'postgres', 'index.d.ts'),
      ),
    ).toBe(true);
  });
});
