// The order service: started by `node dist/services/order/main.js` or `eventc up`.
// It takes orders over HTTP (`POST /orders`) and publishes OrderCreated.
import { runService } from 'eventc/runtime';
import { createOrderServiceProducers } from '../../generated/services/order.js';
import { orderRoutes } from './orders.js';

await runService({
  name: 'order',
  setup: (client) => ({ routes: orderRoutes(createOrderServiceProducers(client)) }),
});
