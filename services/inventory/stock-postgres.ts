// The inventory service's stock in PostgreSQL: a table of units on hand per SKU, reserved
// inside the handler's transaction (the rows of the order's SKUs locked, then decremented).
import type { PgPool, Queryable } from 'eventc/runtime/postgres';
import { planReservation, type Line, type Reservation } from './stock.js';

export const STOCK_TABLE = 'inventory_stock';

/** Creates the stock table when missing and adds the SKUs of `initial` it does not have yet. */
export async function ensureStock(
  pool: PgPool,
  initial: Readonly<Record<string, number>>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${STOCK_TABLE} (sku text PRIMARY KEY, units integer NOT NULL CHECK (units >= 0))`,
    );
    await client.query(
      `INSERT INTO ${STOCK_TABLE} (sku, units) SELECT unnest($1::text[]), unnest($2::int[]) ON CONFLICT (sku) DO NOTHING`,
      [Object.keys(initial), Object.values(initial)],
    );
    client.release();
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}

/** Reserves every line, or none, within `tx`; the SKUs' rows stay locked until it ends. */
export async function reserveInPostgres(
  tx: Queryable,
  lines: readonly Line[],
): Promise<Reservation> {
  const skus = [...new Set(lines.map((l) => l.sku))].sort(); // one lock order: no deadlocks
  const { rows } = await tx.query(
    `SELECT sku, units FROM ${STOCK_TABLE} WHERE sku = ANY($1::text[]) ORDER BY sku FOR UPDATE`,
    [skus],
  );
  const units = new Map(rows.map((r) => [r.sku as string, r.units as number]));
  const result = planReservation(units, lines);
  if (result.ok) {
    await tx.query(
      `UPDATE ${STOCK_TABLE} AS s SET units = s.units - t.quantity FROM (SELECT unnest($1::text[]) AS sku, unnest($2::int[]) AS quantity) AS t WHERE s.sku = t.sku`,
      [result.lines.map((l) => l.sku), result.lines.map((l) => l.quantity)],
    );
  }
  return result;
}
