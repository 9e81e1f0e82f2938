// Handles OrderCreated in the inventory service: reserves the ordered units and publishes
// InventoryReserved, or InventoryRejected (reserving nothing) when an item is short.
// `onOrderCreated` keeps the stock in memory; `transactionalHandlers` (on-order-created-postgres.ts)
// does the same in PostgreSQL, exactly once.
import type { InventoryRejectedV1Input } from '../../generated/events/InventoryRejected.js';
import type { InventoryReservedV1Input } from '../../generated/events/InventoryReserved.js';
import type { OrderCreatedV2 } from '../../generated/events/OrderCreated.js';
import type {
  InventoryServiceContext,
  InventoryServiceHandlers,
} from '../../generated/services/inventory.js';
import { stock, type Line, type Reservation } from './stock.js';

/** How long a reservation holds before the units go back on sale. */
const RESERVATION_MS = 30 * 60 * 1000;

export const onOrderCreated: InventoryServiceHandlers['onOrderCreated'] = async (event, ctx) => {
  const result = stock.reserve(orderLines(event));
  report(event, ctx, result);
  const answer = answerOf(event, result);
  if (answer.reserved) await ctx.producers.inventoryReserved.publish(answer.reserved);
  else await ctx.producers.inventoryRejected.publish(answer.rejected);
};

export function orderLines(event: OrderCreatedV2): Line[] {
  return event.items.map((i) => ({ sku: i.sku, quantity: i.quantity }));
}

export function report(event: OrderCreatedV2, ctx: InventoryServiceContext, r: Reservation): void {
  process.stdout.write(
    `inventory: order ${event.orderId} (OrderCreated v${ctx.writerVersion} read as v${ctx.readerVersion}): ${r.ok ? 'reserved' : `rejected, ${r.reason}`}\n`,
  );
}

/** The event that answers the order: InventoryReserved, or InventoryRejected. */
export function answerOf(
  event: OrderCreatedV2,
  result: Reservation,
):
  | { reserved: InventoryReservedV1Input; rejected?: undefined }
  | { reserved?: undefined; rejected: InventoryRejectedV1Input } {
  if (result.ok) {
    return {
      reserved: {
        orderId: event.orderId,
        reservations: result.lines.map((l) => ({ ...l, warehouseId: 'main' })),
        reservedUntil: new Date(Date.now() + RESERVATION_MS),
      },
    };
  }
  return {
    rejected: { orderId: event.orderId, reason: result.reason, missingItems: result.missing },
  };
}
