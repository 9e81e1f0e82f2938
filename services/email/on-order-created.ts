// Handles OrderCreated in the email service (compiled for version 1: it reads v1 and v2
// events alike): tells the customer the order was received.
import type { EmailServiceHandlers } from '../../generated/services/email.js';
import { formatMoney, send } from './outbox.js';

export const onOrderCreated: EmailServiceHandlers['onOrderCreated'] = async (event, ctx) => {
  const lines = event.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ');
  await send(
    {
      kind: 'order-received',
      orderId: event.orderId,
      subject: `We received your order ${event.orderId}`,
      body: `Hello ${event.shippingAddress.name}, we received your order of ${lines} (${formatMoney(event.total.amountMinor, event.total.currency)}).`,
    },
    ctx,
  );
};
