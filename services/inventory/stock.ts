/**
 * The inventory service's stock: units on hand per SKU, in memory. An order is reserved
 * in full or not at all. Initial stock comes from `INVENTORY_STOCK` (JSON object of SKU to
 * units) or a small default catalogue.
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
    const text = env.INVENTORY_STOCK;
    if (!text) return new Stock(DEFAULT_STOCK);
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('INVENTORY_STOCK must be a JSON object of SKU to units');
    }
    for (const [sku, n] of Object.entries(parsed)) {
      if (!Number.isInteger(n) || (n as number) < 0) {
        throw new Error(`INVENTORY_STOCK: units of "${sku}" must be a non-negative integer`);
      }
    }
    return new Stock(parsed as Record<string, number>);
  }

  available(sku: string): number {
    return this.units.get(sku) ?? 0;
  }

  /** Reserves every line, or none of them when one cannot be served. */
  reserve(lines: readonly Line[]): Reservation {
    const wanted = new Map<string, number>();
    for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
    const unknown = [...wanted.keys()].filter((sku) => !this.units.has(sku));
    const short = [...wanted].filter(([sku, n]) => this.units.has(sku) && this.available(sku) < n);
    if (unknown.length > 0 || short.length > 0) {
      const missing = [...wanted]
        .filter(([sku, n]) => this.available(sku) < n)
        .map(([sku, requested]) => ({ sku, requested, available: this.available(sku) }));
      return { ok: false, reason: unknown.length > 0 ? 'UNKNOWN_SKU' : 'OUT_OF_STOCK', missing };
    }
    for (const [sku, n] of wanted) this.units.set(sku, this.available(sku) - n);
    return { ok: true, lines: [...wanted].map(([sku, quantity]) => ({ sku, quantity })) };
  }
}

/** The stock of this process. */
export const stock = Stock.fromEnv();
