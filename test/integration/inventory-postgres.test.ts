/**
 * The example inventory service's exactly-once path on the real PostgreSQL and registry:
 * OrderCreated delivered again (the same event id, as after a crash or a rebalance), and
 * delivered twice at once, reserves the stock once and writes one answer to the outbox.
 * Runs in a schema of its own, so the demo's tables are not touched.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventcClient, silentLogger, type EventContext } from 'eventc/runtime';
import { PostgresInbox, PostgresOutbox, ensureTables } from 'eventc/runtime/postgres';
import type { OrderCreatedV2 } from '../../generated/events/OrderCreated.js';
import {
  createInventoryServiceProducers,
  type InventoryServiceContext,
} from '../../generated/services/inventory.js';
import { transactionalHandlers } from '../../services/inventory/on-order-created-postgres.js';
import { ensureStock } from '../../services/inventory/stock-postgres.js';
import { brokers, postgresUrl, registryUrl } from '../support/env.js';
import { uniqueName, uniqueSqlName } from '../support/names.js';

const schema = uniqueSqlName('inv');
const admin = new pg.Pool({ connectionString: postgresUrl, max: 1 });
const pool = new pg.Pool({
  connectionString: postgresUrl,
  max: 4,
  options: `-c search_path=${schema}`,
});
const client = new EventcClient({
  brokers,
  clientId: uniqueName('inv'),
  registry: { url: registryUrl },
  logger: silentLogger,
  // The answers' schemas, whether or not another test registered the shop example before.
  autoRegister: true,
});

beforeAll(async () => {
  await admin.query(`CREATE SCHEMA ${schema}`);
  await ensureTables(pool);
  await ensureStock(pool, { 'SKU-MONITOR': 3, 'SKU-CABLE': 10 });
});
afterAll(async () => {
  await client.close();
  await pool.end();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
});

const FIRST = '0d6a3f7e-1111-4a4a-8b8b-000000000001';
const SECOND = '0d6a3f7e-1111-4a4a-8b8b-000000000002';

function order(orderId: string, quantity: number): OrderCreatedV2 {
  return {
    orderId,
    customerId: 'c-1',
    currency: 'EUR',
    items: [{ sku: 'SKU-MONITOR', quantity, unitPriceMinor: 19900 }],
  } as unknown as OrderCreatedV2;
}

function context(eventId: string): InventoryServiceContext {
  const ctx: EventContext = {
    eventId,
    eventType: 'OrderCreated',
    writerVersion: 2,
    readerVersion: 2,
    time: new Date(),
    correlationId: eventId,
    topic: 'shop.order-created',
    partition: 0,
    offset: '0',
    key: null,
    headers: {},
  };
  return { ...ctx, producers: {} as InventoryServiceContext['producers'] };
}

describe('the inventory service with PostgreSQL', () => {
  it('reserves once however often OrderCreated is delivered', async () => {
    const inbox = new PostgresInbox(pool, { consumer: 'inventory' });
    const handlers = transactionalHandlers(
      inbox,
      new PostgresOutbox(),
      createInventoryServiceProducers(client),
    );
    await client.connect();
    const units = async () =>
      (await pool.query(`SELECT units FROM inventory_stock WHERE sku = 'SKU-MONITOR'`)).rows[0]
        .units as number;
    const answers = async () =>
      (await pool.query(`SELECT topic, headers FROM eventc_outbox ORDER BY id`)).rows;

    const stdout = process.stdout.write;
    process.stdout.write = () => true; // the handler's report lines
    try {
      const twoMonitors = context('5b0f3b8e-8f0c-4d5e-9a55-000000000001');
      await handlers.onOrderCreated(order(FIRST, 2), twoMonitors);
      // Redelivered later, and twice at once: nothing more is reserved or answered.
      await handlers.onOrderCreated(order(FIRST, 2), twoMonitors);
      await Promise.all([
        handlers.onOrderCreated(order(FIRST, 2), twoMonitors),
        handlers.onOrderCreated(order(FIRST, 2), twoMonitors),
      ]);
      expect(await units()).toBe(1);
      // Another order for two monitors is rejected: one is left.
      await handlers.onOrderCreated(
        order(SECOND, 2),
        context('5b0f3b8e-8f0c-4d5e-9a55-000000000002'),
      );
    } finally {
      process.stdout.write = stdout;
    }
    expect(await units()).toBe(1);
    const rows = await answers();
    expect(rows.map((r) => r.topic)).toEqual([
      'shop.inventory-reserved',
      'shop.inventory-rejected',
    ]);
    // Each answer names the order event it answers.
    expect(rows[0].headers['eventc-causation-id']).toBe('5b0f3b8e-8f0c-4d5e-9a55-000000000001');
  });
});
