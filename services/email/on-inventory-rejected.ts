// Handles InventoryRejected in the email service: tells the customer what is missing.
import type { EmailServiceHandlers } from '../../generated/services/email.js';
import { send } from './outbox.js';

export const onInventoryRejected: EmailServiceHandlers['onInventoryRejected'] = async (
  event,
  ctx,
) => {
  const missing = event.missingItems
    .map((m) => `${m.sku} (asked ${m.requested}, have ${m.available})`)
    .join(', ');
  await send(
    {
      kind: 'order-rejected',
      orderId: event.orderId,
      subject: `We could not fulfil your order ${event.orderId}`,
      body: `Sorry: ${event.reason === 'UNKNOWN_SKU' ? 'unknown products' : 'not enough stock'}: ${missing}.`,
    },
    ctx,
  );
};
