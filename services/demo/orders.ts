/**
 * The orders the demo places, and what each should come to with the inventory service's
 * default stock (3 monitors, no "SKU-UNICORN").
 */
import { randomUUID } from 'node:crypto';
import type { OrderCreatedV1Input } from '../../generated/events/OrderCreated.js';
import type { OrderRequest } from '../order/orders.js';

export interface DemoOrder {
  label: string;
  outcome: 'order-confirmed' | 'order-rejected';
  request?: OrderRequest;
}

const address = {
  name: 'Ada Lovelace',
  street: '12 St James’s Square',
  postalCode: 'SW1Y 4JH',
  city: 'London',
  country: 'GB',
};

export const DEMO_ORDERS: (DemoOrder & { request: OrderRequest })[] = [
  {
    label: 'a keyboard and two mice',
    outcome: 'order-confirmed',
    request: {
      customerId: 'customer-1',
      currency: 'EUR',
      items: [
        { sku: 'SKU-KEYBOARD', quantity: 1, unitPriceMinor: 8900 },
        { sku: 'SKU-MOUSE', quantity: 2, unitPriceMinor: 2500 },
      ],
      shippingAddress: address,
      couponCode: 'WELCOME10',
      channel: 'MOBILE_APP',
    },
  },
  {
    label: 'five monitors (only three in stock)',
    outcome: 'order-rejected',
    request: {
      customerId: 'customer-2',
      currency: 'EUR',
      items: [{ sku: 'SKU-MONITOR', quantity: 5, unitPriceMinor: 19900 }],
      shippingAddress: address,
    },
  },
  {
    label: 'a product that does not exist',
    outcome: 'order-rejected',
    request: {
      customerId: 'customer-3',
      currency: 'EUR',
      items: [{ sku: 'SKU-UNICORN', quantity: 1, unitPriceMinor: 100 }],
      shippingAddress: address,
    },
  },
];

/** An order written by a client still on OrderCreated v1. */
export function LEGACY_ORDER(): DemoOrder & { event: OrderCreatedV1Input } {
  return {
    label: 'ten cables from a v1 client',
    outcome: 'order-confirmed',
    event: {
      orderId: randomUUID(),
      customerId: 'customer-4',
      items: [{ sku: 'SKU-CABLE', quantity: 10, unitPrice: { amountMinor: 500, currency: 'EUR' } }],
      total: { amountMinor: 5000, currency: 'EUR' },
      shippingAddress: { ...address, extra: null },
      placedAt: new Date(),
    },
  };
}
