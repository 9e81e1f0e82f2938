// The inventory service: started by `node dist/services/inventory/main.js` or `eventc up`.
// Scaffolded once by eventc; this file is yours to edit.
//
// With INVENTORY_DATABASE_URL (a PostgreSQL URL) the stock lives in PostgreSQL and each
// OrderCreated is handled exactly once through the transactional inbox, its answer published
// through the outbox; without it, the stock is in memory (for trying the example alone).
import pg from 'pg';
import { runService } from 'eventc/runtime';
import { OutboxRelay, PostgresInbox, PostgresOutbox, ensureTables } from 'eventc/runtime/postgres';
import {
  createInventoryServiceConsumer,
  createInventoryServiceProducers,
} from '../../generated/services/inventory.js';
import { handlers } from './handlers.js';
import { transactionalHandlers } from './on-order-created-postgres.js';
import { initialStock } from './stock.js';
import { ensureStock } from './stock-postgres.js';

const databaseUrl = process.env.INVENTORY_DATABASE_URL;

await runService({
  name: 'inventory',
  setup: async (client, config) => {
    const producers = createInventoryServiceProducers(client);
    if (!databaseUrl) {
      return {
        consumer: createInventoryServiceConsumer(
          client,
          handlers,
          { groupId: config.groupId },
          producers,
        ),
      };
    }
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    await ensureTables(pool);
    await ensureStock(pool, initialStock());
    // The relay publishes the outbox; the client's close (on SIGTERM) stops it.
    await new OutboxRelay(client, pool).start();
    const inbox = new PostgresInbox(pool, { consumer: config.groupId });
    return {
      consumer: createInventoryServiceConsumer(
        client,
        transactionalHandlers(inbox, new PostgresOutbox(), producers),
        { groupId: config.groupId, partitionConcurrency: 8 },
        producers,
      ),
    };
  },
});
