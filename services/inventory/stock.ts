/**
 * The inventory service's stock: units on hand per SKU, in memory (this file) or in
 * PostgreSQL (`stock-postgres.ts`). An order is reserved in full or not at all. Initial
 * stock comes from `INVENTORY_STOCK` (JSON object of SKU to units) or a small default
 * catalogue.
 */

export const DEFAULT_STOCK: Readonly<Record<string, number>> = {
  'SKU-KEYBOARD': 25,
  'SKU-MOUSE': 40,
  'SKU-MONITOR': 3,
  'SKU-CABLE': 100,
};

export interface Line {
  sku: string;
  quantity: number;
}

export type Reservation =
  | { ok: true; lines: Line[] }
  | {
      ok: false;
      reason: 'OUT_OF_STOCK' | 'UNKNOWN_SKU';
      missing: { sku: string; requested: number; available: number }[];
    };

export class Stock {
  private readonly units = new Map<string, number>();

  constructor(initial: Readonly<Record<string, number>>) {
    for (const [sku, n] of Object.entries(initial)) this.units.set(sku, n);
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): Stock {
    return new Stock(initialStock(env));
  }

  available(sku: string): number {
    return this.units.get(sku) ?? 0;
  }

  /** Reserves every line, or none of them when one cannot be served. */
  reserve(lines: readonly Line[]): Reservation {
    const result = planReservation(this.units, lines);
    if (result.ok) {
      for (const l of result.lines) this.units.set(l.sku, this.available(l.sku) - l.quantity);
    }
    return result;
  }
}

/**
 * Whether `lines` can be served from `units` (SKU to units on hand; a SKU not in it is
 * unknown): the lines to take off, one per SKU, or what is missing.
 */
export function planReservation(
  units: ReadonlyMap<string, number>,
  lines: readonly Line[],
): Reservation {
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
  const available = (sku: string) => units.get(sku) ?? 0;
  const unknown = [...wanted.keys()].filter((sku) => !units.has(sku));
  const short = [...wanted].filter(([sku, n]) => units.has(sku) && available(sku) < n);
  if (unknown.length > 0 || short.length > 0) {
    const missing = [...wanted]
      .filter(([sku, n]) => available(sku) < n)
      .map(([sku, requested]) => ({ sku, requested, available: available(sku) }));
    return { ok: false, reason: unknown.length > 0 ? 'UNKNOWN_SKU' : 'OUT_OF_STOCK', missing };
  }
  return { ok: true, lines: [...wanted].map(([sku, quantity]) => ({ sku, quantity })) };
}

/** The initial stock: `INVENTORY_STOCK` (JSON object of SKU to units), or the default catalogue. */
export function initialStock(
  env: Record<string, string | undefined> = process.env,
): Readonly<Record<string, number>> {
  const text = env.INVENTORY_STOCK;
  if (!text) return DEFAULT_STOCK;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('INVENTORY_STOCK must be a JSON object of SKU to units');
  }
  for (const [sku, n] of Object.entries(parsed)) {
    if (!Number.isInteger(n) || (n as number) < 0) {
      throw new Error(`INVENTORY_STOCK: units of "${sku}" must be a non-negative integer`);
    }
  }
  return parsed as Record<string, number>;
}

/** The stock of this process. */
export const stock = Stock.fromEnv();
