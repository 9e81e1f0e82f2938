/**
 * `npm run demo`: the shop example end to end on the real broker and registry. It starts
 * the local stack when nothing answers, registers the schemas (the deploy step), runs the
 * three services with `eventc up` (which creates the topics first, as `eventc topics`), places orders — three through the
 * order service's HTTP API (OrderCreated v2) and one from a legacy client that still
 * writes v1 — and waits until every order was reserved or rejected and every email was
 * written. It prints the flow and exits 0 when nothing was lost, 1 otherwise.
 *
 * The inventory service keeps its stock in the stack's PostgreSQL (INVENTORY_DATABASE_URL,
 * default the stack's), reserving through the transactional inbox and answering through
 * the outbox; each run starts from the full stock again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  EventcClient,
  Publisher,
  RegistryClient,
  loadServiceConfig,
  silentLogger,
} from 'eventc/runtime';
import { OrderCreatedV1Schema } from '../../generated/events/OrderCreated.js';
import type { OrderCreatedV1Input } from '../../generated/events/OrderCreated.js';
import { STOCK_TABLE } from '../inventory/stock-postgres.js';
import { DEMO_ORDERS, LEGACY_ORDER, type DemoOrder } from './orders.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'dist', 'generator', 'cli', 'main.js');
// The same variables and defaults as every service reads.
const { brokers, registry } = loadServiceConfig('demo');
const basePort = Number(process.env.DEMO_PORT ?? 8180);
const inventoryDatabase =
  process.env.INVENTORY_DATABASE_URL ?? 'postgres://eventc@127.0.0.1:55432/eventc';
const outbox = process.env.EMAIL_OUTBOX ?? join(root, '.demo', 'email-outbox.jsonl');

interface Mail {
  kind: string;
  orderId: string;
  subject: string;
  writerVersion: number;
  readerVersion: number;
}

function say(line: string): void {
  process.stdout.write(`demo | ${line}\n`);
}

function run(args: string[], what: string): void {
  const result = spawnSync(args[0]!, args.slice(1), { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function placeOrder(order: DemoOrder): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${basePort}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(order.request),
  });
  const body = (await res.json()) as { orderId?: string; error?: string };
  if (res.status !== 202 || !body.orderId)
    throw new Error(`order "${order.label}" refused: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.orderId;
}

async function placeLegacyOrder(order: OrderCreatedV1Input): Promise<string> {
  const client = new EventcClient({
    brokers,
    clientId: 'legacy-order-client',
    registry,
    logger: silentLogger,
  });
  const v1 = new Publisher(client, OrderCreatedV1Schema);
  await client.connect();
  try {
    await v1.publish(order);
  } finally {
    await client.close();
  }
  return order.orderId;
}

function readOutbox(): Mail[] {
  try {
    return readFileSync(outbox, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Mail);
  } catch {
    return [];
  }
}

/** The stock of earlier runs goes: the inventory service seeds the full stock at start. */
async function resetStock(): Promise<void> {
  const db = new pg.Client({ connectionString: inventoryDatabase });
  await db.connect();
  try {
    await db.query(`DROP TABLE IF EXISTS ${STOCK_TABLE}`);
  } finally {
    await db.end();
  }
}

async function main(): Promise<number> {
  if (!(await new RegistryClient(registry).reachable())) {
    say('starting the local stack (Kafka and the schema registry)');
    run(['bash', join(root, 'infra', 'stack'), 'up'], 'bash infra/stack up');
  }
  run([process.execPath, cli, 'register', '--env', 'local'], 'eventc register');
  mkdirSync(join(outbox, '..'), { recursive: true });
  rmSync(outbox, { force: true });
  await resetStock();

  // Started in this order, the services get consecutive ports: order's HTTP API is on basePort.
  const services = spawn(
    process.execPath,
    [cli, 'up', 'order', 'inventory', 'email', '--port', String(basePort)],
    {
      cwd: root,
      env: {
        ...process.env,
        EMAIL_OUTBOX: outbox,
        INVENTORY_DATABASE_URL: inventoryDatabase,
        EVENTC_LOG_LEVEL: process.env.EVENTC_LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    services.on('exit', (code) => resolve(code)),
  );
  try {
    for (let i = 0; i < 3; i++) {
      const port = basePort + i;
      await until(`the service on port ${port} to be ready`, 120_000, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
          signal: AbortSignal.timeout(2000),
        });
        return res.ok ? true : undefined;
      });
    }
    say('services ready; placing orders');
    const placed = new Map<string, DemoOrder>();
    for (const order of DEMO_ORDERS) {
      const id = await placeOrder(order);
      placed.set(id, order);
      say(`placed ${order.label} as ${id} (OrderCreated v2 through POST /orders)`);
    }
    const legacy = LEGACY_ORDER();
    placed.set(await placeLegacyOrder(legacy.event), legacy);
    say(`placed ${legacy.label} as ${legacy.event.orderId} (OrderCreated v1 from a legacy client)`);

    const mails = await until('every order to be answered', 90_000, async () => {
      const all = readOutbox().filter((m) => placed.has(m.orderId));
      const done = [...placed.keys()].every(
        (id) =>
          all.some((m) => m.orderId === id && m.kind === 'order-received') &&
          all.some((m) => m.orderId === id && m.kind !== 'order-received'),
      );
      return done ? all : undefined;
    });
    let ok = true;
    for (const [id, order] of placed) {
      const mine = mails.filter((m) => m.orderId === id);
      const outcome = mine.find((m) => m.kind !== 'order-received')!.kind;
      const received = mine.find((m) => m.kind === 'order-received')!;
      const expected = order.outcome;
      const good = outcome === expected && mine.length === 2;
      ok &&= good;
      say(
        `${good ? 'ok  ' : 'FAIL'} ${order.label}: ${outcome} (expected ${expected}); email read v${received.writerVersion} as v${received.readerVersion}; ${mine.length} emails`,
      );
    }
    say(
      ok
        ? 'every order flowed through order → inventory → email; nothing lost'
        : 'the flow did not go as expected',
    );
    return ok ? 0 : 1;
  } finally {
    services.kill('SIGTERM');
    await exited;
  }
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`demo: ${(err as Error).message}\n`);
  return 1;
});
