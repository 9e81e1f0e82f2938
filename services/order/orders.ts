/**
 * The order service's HTTP API: `POST /orders` with a JSON order turns it into an
 * `OrderCreated` event (the latest version) and answers 202 with the order and event ids.
 * Bad requests get 400 with the problems; the event's own validation names bad fields.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventValidationError, sendJson } from 'eventc/runtime';
import type { OrderCreatedInput, SalesChannel } from '../../generated/events/OrderCreated.js';
import { SalesChannelSymbols } from '../../generated/events/OrderCreated.js';
import type { OrderServiceProducers } from '../../generated/services/order.js';

/** The body of `POST /orders`. */
export interface OrderRequest {
  customerId: string;
  currency: string;
  items: { sku: string; quantity: number; unitPriceMinor: number }[];
  shippingAddress: {
    name: string;
    street: string;
    extra?: string | null;
    postalCode: string;
    city: string;
    country: string;
  };
  couponCode?: string | null;
  channel?: SalesChannel;
}

const MAX_BODY = 64 * 1024;

export function orderRoutes(producers: OrderServiceProducers) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?')[0] !== '/orders') return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      sendJson(res, 400, { error: `request body is not JSON: ${(err as Error).message}` });
      return true;
    }
    const problems = checkOrder(body);
    if (problems.length > 0) {
      sendJson(res, 400, { error: 'invalid order', problems });
      return true;
    }
    const order = toEvent(body as OrderRequest);
    try {
      const published = await producers.orderCreated.publish(order);
      sendJson(res, 202, { orderId: order.orderId, eventId: published.eventId });
    } catch (err) {
      if (err instanceof EventValidationError) {
        sendJson(res, 400, { error: 'invalid order', problems: err.paths });
      } else {
        sendJson(res, 503, { error: `order not accepted: ${(err as Error).message}` });
      }
    }
    return true;
  };
}

export function toEvent(request: OrderRequest): OrderCreatedInput {
  const items = request.items.map((i) => ({
    sku: i.sku,
    quantity: i.quantity,
    unitPrice: { amountMinor: i.unitPriceMinor, currency: request.currency },
  }));
  const total = items.reduce((sum, i) => sum + i.quantity * i.unitPrice.amountMinor, 0);
  return {
    orderId: randomUUID(),
    customerId: request.customerId,
    items,
    total: { amountMinor: total, currency: request.currency },
    shippingAddress: { ...request.shippingAddress, extra: request.shippingAddress.extra ?? null },
    placedAt: new Date(),
    couponCode: request.couponCode ?? null,
    channel: request.channel ?? 'WEB',
  };
}

/** Problems with the request's shape; the event schema checks the rest. */
export function checkOrder(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return ['the body must be a JSON object'];
  const o = body as Partial<Record<keyof OrderRequest, unknown>>;
  const problems: string[] = [];
  if (typeof o.customerId !== 'string' || o.customerId === '')
    problems.push('customerId: a non-empty string');
  if (typeof o.currency !== 'string' || !/^[A-Z]{3}$/.test(o.currency))
    problems.push('currency: an ISO 4217 code');
  if (!Array.isArray(o.items) || o.items.length === 0) {
    problems.push('items: a non-empty array');
  } else {
    o.items.forEach((item: unknown, i) => {
      const it = item as Record<string, unknown> | null;
      if (typeof it?.sku !== 'string') problems.push(`items[${i}].sku: a string`);
      if (!Number.isInteger(it?.quantity) || (it?.quantity as number) <= 0)
        problems.push(`items[${i}].quantity: a positive integer`);
      if (!Number.isInteger(it?.unitPriceMinor) || (it?.unitPriceMinor as number) < 0) {
        problems.push(`items[${i}].unitPriceMinor: a non-negative integer`);
      }
    });
  }
  if (typeof o.shippingAddress !== 'object' || o.shippingAddress === null)
    problems.push('shippingAddress: an object');
  if (o.channel !== undefined && !SalesChannelSymbols.includes(o.channel as SalesChannel)) {
    problems.push(`channel: one of ${SalesChannelSymbols.join(', ')}`);
  }
  return problems;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
