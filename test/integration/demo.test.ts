/**
 * The shop example's services as processes: one service's lifecycle (configuration errors,
 * health, readiness, metrics, SIGTERM), then the whole example as `npm run demo` runs it:
 * the three services as processes
 * on the real broker and registry, orders placed through the order service's HTTP API
 * (OrderCreated v2) and by a legacy v1 client; every order must be reserved or rejected
 * as the stock dictates and answered by exactly two emails, whatever version was written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Mail {
  kind: string;
  orderId: string;
  eventType: string;
  eventId: string;
  writerVersion: number;
  readerVersion: number;
}

function startProcess(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return {
    child,
    exited,
    output: () => output,
    get exitCode() {
      return child.exitCode;
    },
  };
}

async function waitFor(
  url: string,
  status: number,
  deadlineMs: number,
  process: { exitCode: number | null; output: () => string },
): Promise<Response> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === status) return res;
    if (process.exitCode !== null) {
      throw new Error(`the service exited (${process.exitCode}):\n${process.output()}`);
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer ${status} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runDemo(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const demo = startProcess('dist/services/demo/main.js', env);
  return { code: await demo.exited, output: demo.output() };
}

describe('the shop example services', () => {
  beforeAll(() => {
    // The demo runs the compiled services; compile the current sources first.
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    // Services start only when their schemas are registered: the deploy step.
    const register = spawnSync(
      process.execPath,
      [join(root, 'dist/generator/cli/main.js'), 'register', '--env', 'local'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(register.status, register.stdout + register.stderr).toBe(0);
  }, 300_000);

  it('refuses to start with a clear message when the configuration is invalid', async () => {
    const svc = startProcess('dist/services/email/main.js', {
      EVENTC_LOG_LEVEL: 'loud',
      EVENTC_BROKERS: 'no-port',
    });
    expect(await svc.exited).toBe(1);
    expect(svc.output()).toContain('email: cannot start: invalid configuration of service "email"');
    expect(svc.output()).toContain('EVENTC_LOG_LEVEL: "loud" must be debug, info, warn or error');
    expect(svc.output()).toContain('EVENTC_BROKERS: "no-port" is not host:port');
  }, 60_000);

  it('flows orders through order → inventory → email with nothing lost', async () => {
    const outbox = join(mkdtempSync(join(tmpdir(), 'eventc-demo-')), 'outbox.jsonl');
    const { code, output } = await runDemo({ EMAIL_OUTBOX: outbox, DEMO_PORT: '18180' });
    expect(code, output).toBe(0);
    // A run that succeeds logs no error (a group coordinator still loading is a warning).
    expect(output).not.toMatch(/"level":"error"/);

    const mails = readFileSync(outbox, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Mail);
    const byOrder = new Map<string, Mail[]>();
    for (const m of mails) byOrder.set(m.orderId, [...(byOrder.get(m.orderId) ?? []), m]);
    expect(byOrder.size).toBe(4);

    const outcomes = [...byOrder.values()].map((list) => {
      expect(list).toHaveLength(2);
      expect(new Set(list.map((m) => m.eventId)).size).toBe(2);
      return list.find((m) => m.kind !== 'order-received')!.kind;
    });
    expect(outcomes.sort()).toEqual([
      'order-confirmed',
      'order-confirmed',
      'order-rejected',
      'order-rejected',
    ]);

    // The email service is compiled for OrderCreated v1 and read both versions.
    const received = mails.filter((m) => m.kind === 'order-received');
    expect(received.map((m) => m.readerVersion)).toEqual([1, 1, 1, 1]);
    expect(received.map((m) => m.writerVersion).sort()).toEqual([1, 2, 2, 2]);
    // The inventory service is compiled for v2 and read the v1 order too.
    expect(output).toMatch(/inventory: order \S+ \(OrderCreated v1 read as v2\): reserved/);
    expect(output).toMatch(
      /inventory: order \S+ \(OrderCreated v2 read as v2\): rejected, OUT_OF_STOCK/,
    );
    expect(output).toMatch(
      /inventory: order \S+ \(OrderCreated v2 read as v2\): rejected, UNKNOWN_SKU/,
    );
  }, 240_000);

  it('serves health, readiness and metrics, and stops cleanly on SIGTERM', async () => {
    const port = 18190;
    const svc = startProcess('dist/services/email/main.js', {
      EVENTC_HTTP_PORT: String(port),
      EVENTC_GROUP_ID: `email-lifecycle-${Date.now()}`,
      EVENTC_HTTP_HOST: '127.0.0.1',
      EMAIL_OUTBOX: join(mkdtempSync(join(tmpdir(), 'eventc-email-')), 'outbox.jsonl'),
    });
    try {
      const ready = await waitFor(`http://127.0.0.1:${port}/readyz`, 200, 90_000, svc);
      expect(await ready.json()).toEqual({ broker: true, registry: true });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^# TYPE \S+ (counter|gauge|histogram)$/m);
      svc.child.kill('SIGTERM');
      expect(await svc.exited, svc.output()).toBe(0);
      expect(svc.output()).toContain('"msg":"stopped"');
    } finally {
      svc.child.kill('SIGKILL');
    }
  }, 120_000);
});
