// Handles InventoryReserved in the email service: confirms the order.
import type { EmailServiceHandlers } from '../../generated/services/email.js';
import { send } from './outbox.js';

export const onInventoryReserved: EmailServiceHandlers['onInventoryReserved'] = async (
  event,
  ctx,
) => {
  const units = event.reservations.reduce((n, r) => n + r.quantity, 0);
  await send(
    {
      kind: 'order-confirmed',
      orderId: event.orderId,
      subject: `Your order ${event.orderId} is confirmed`,
      body: `All ${units} units are reserved for you until ${event.reservedUntil.toISOString()}.`,
    },
    ctx,
  );
};
