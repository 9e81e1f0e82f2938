// OrderCreated handled exactly once with PostgreSQL: in one transaction of the inbox, the
// event's id is recorded, the stock rows are locked and decremented, and the answering event
// (InventoryReserved or InventoryRejected) is written to the outbox, which the relay then
// publishes. A redelivered OrderCreated (after a crash, a rebalance, a redeploy) finds its id
// in the inbox and reserves nothing again.
import type { OrderCreatedV2 } from '../../generated/events/OrderCreated.js';
import type {
  InventoryServiceContext,
  InventoryServiceHandlers,
  InventoryServiceProducers,
} from '../../generated/services/inventory.js';
import type { PostgresInbox, PostgresOutbox } from 'eventc/runtime/postgres';
import { answerOf, orderLines, report } from './on-order-created.js';
import { reserveInPostgres } from './stock-postgres.js';

export function transactionalHandlers(
  inbox: PostgresInbox,
  outbox: PostgresOutbox,
  producers: InventoryServiceProducers,
): InventoryServiceHandlers {
  return {
    onOrderCreated: inbox.handler<OrderCreatedV2, InventoryServiceContext>(
      async (event, ctx, tx) => {
        const result = await reserveInPostgres(tx, orderLines(event));
        report(event, ctx, result);
        const answer = answerOf(event, result);
        if (answer.reserved) {
          await outbox.publish(tx, producers.inventoryReserved, answer.reserved, { cause: ctx });
        } else {
          await outbox.publish(tx, producers.inventoryRejected, answer.rejected, { cause: ctx });
        }
      },
    ),
  };
}
