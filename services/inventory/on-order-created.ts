// Handles OrderCreated in the inventory service: reserves the ordered units and publishes
// InventoryReserved, or InventoryRejected (reserving nothing) when an item is short.
import type { InventoryServiceHandlers } from '../../generated/services/inventory.js';
import { stock } from './stock.js';

/** How long a reservation holds before the units go back on sale. */
const RESERVATION_MS = 30 * 60 * 1000;

export const onOrderCreated: InventoryServiceHandlers['onOrderCreated'] = async (event, ctx) => {
  const result = stock.reserve(event.items.map((i) => ({ sku: i.sku, quantity: i.quantity })));
  process.stdout.write(
    `inventory: order ${event.orderId} (OrderCreated v${ctx.writerVersion} read as v${ctx.readerVersion}): ${result.ok ? 'reserved' : `rejected, ${result.reason}`}\n`,
  );
  if (result.ok) {
    await ctx.producers.inventoryReserved.publish({
      orderId: event.orderId,
      reservations: result.lines.map((l) => ({ ...l, warehouseId: 'main' })),
      reservedUntil: new Date(Date.now() + RESERVATION_MS),
    });
  } else {
    await ctx.producers.inventoryRejected.publish({
      orderId: event.orderId,
      reason: result.reason,
      missingItems: result.missing,
    });
  }
};
