// The handlers of the email service, one per consumed event.
// Scaffolded once by eventc; this file is yours to edit. When the service starts consuming
// a new event, `eventc generate` writes its stub next to this file and the build fails
// until the handler is added here.
import type { EmailServiceHandlers } from '../../generated/services/email.js';
import { onInventoryRejected } from './on-inventory-rejected.js';
import { onInventoryReserved } from './on-inventory-reserved.js';
import { onOrderCreated } from './on-order-created.js';

export const handlers: EmailServiceHandlers = {
  onInventoryRejected,
  onInventoryReserved,
  onOrderCreated,
};
