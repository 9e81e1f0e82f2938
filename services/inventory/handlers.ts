// The handlers of the inventory service, one per consumed event.
// Scaffolded once by eventc; this file is yours to edit. When the service starts consuming
// a new event, `eventc generate` writes its stub next to this file and the build fails
// until the handler is added here.
import type { InventoryServiceHandlers } from '../../generated/services/inventory.js';
import { onOrderCreated } from './on-order-created.js';

export const handlers: InventoryServiceHandlers = {
  onOrderCreated,
};
