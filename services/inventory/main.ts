// The inventory service: started by `node dist/services/inventory/main.js` or `eventc up`.
// Scaffolded once by eventc; this file is yours to edit.
import { runService } from 'eventc/runtime';
import {
  createInventoryServiceConsumer,
  createInventoryServiceProducers,
} from '../../generated/services/inventory.js';
import { handlers } from './handlers.js';

await runService({
  name: 'inventory',
  setup: (client, config) => {
    const producers = createInventoryServiceProducers(client);
    return {
      consumer: createInventoryServiceConsumer(
        client,
        handlers,
        { groupId: config.groupId },
        producers,
      ),
    };
  },
});
