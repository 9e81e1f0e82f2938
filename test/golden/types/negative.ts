/**
 * Must-not-compile cases against the golden output: each `@ts-expect-error` fails the
 * type check (test/golden/typecheck.test.ts) if the line below it compiles.
 */
import {
  EverythingCodec,
  type EverythingInput,
  type Suit,
} from '../all-types/expected/Everything.js';
import { Publisher, subscribe, type EventcClient } from 'eventc/runtime';
import {
  OrderPlacedSchema,
  OrderPlacedV2Schema,
  OrderPlacedV3Schema,
  type OrderPlacedV1,
  type OrderPlacedV2,
  type OrderPlacedV3Input,
} from '../manifest/expected/events/OrderPlaced.js';
import type { PaymentTakenV1 } from '../manifest/expected/events/PaymentTaken.js';
import type { BillingServiceHandlers } from '../manifest/expected/services/billingService.js';
import type {
  ShopServiceHandlers,
  ShopServiceProducers,
} from '../manifest/expected/services/shop.js';

export const order: OrderPlacedV3Input = {
  id: '123e4567-e89b-42d3-a456-426614174000',
  total: { cents: 100 },
  status: 'NEW',
};

export const wrongFieldType: OrderPlacedV3Input = {
  ...order,
  // @ts-expect-error a long is a number, not a string
  total: { cents: '100' },
};

// @ts-expect-error a required field (total) is missing
export const missingField: OrderPlacedV3Input = { id: order.id, status: 'NEW' };

// @ts-expect-error not a symbol of the enum
export const badSymbol: Suit = 'JOKERS';

export function wrongUnionBranch(value: EverythingInput): EverythingInput {
  // @ts-expect-error a multi-branch union takes a wrapped value, not a bare string
  return { ...value, choice: 'text' };
}

// @ts-expect-error the handler for PaymentTaken is missing
export const missingHandler: ShopServiceHandlers = {};

export const extraHandler: BillingServiceHandlers = {
  onOrderPlaced: async () => undefined,
  // @ts-expect-error billing does not consume PaymentTaken
  onPaymentTaken: async () => undefined,
};

export async function publishNotProduced(producers: ShopServiceProducers): Promise<void> {
  // @ts-expect-error the shop service does not produce PaymentTaken
  await producers.paymentTaken.publish({});
}

export async function publishWrongVersion(producers: ShopServiceProducers): Promise<void> {
  // @ts-expect-error version 3 of OrderPlaced requires total (a version 1 value is not enough)
  await producers.orderPlaced.publish({ id: order.id, status: 'NEW' });
}

export function narrowUnion(event: PaymentTakenV1): string {
  const method = event.method;
  if ('golden.shared.Card' in method) return method['golden.shared.Card'].last4;
  if ('string' in method) return method.string;
  // @ts-expect-error the remaining branch is Cash, which has no last4
  return method['golden.shared.Cash'].last4;
}

export function encodeNotARecord(): Buffer {
  // @ts-expect-error the codec takes the write type only
  return EverythingCodec.encode({ aNull: null });
}

export function decodedIsReadType(buffer: Buffer): number {
  const decoded = EverythingCodec.decode(buffer);
  // @ts-expect-error decoded long fields are numbers, not strings
  const text: string = decoded.aLong;
  return text.length + decoded.withDefault;
}

export function typedDescriptors(client: EventcClient): void {
  // The types come from the version: nothing to name, nothing to get wrong.
  const publisher: Publisher<OrderPlacedV3Input> = new Publisher(client, OrderPlacedV3Schema);
  void publisher.publish(order);
  subscribe(OrderPlacedV2Schema, async (event) => void event.id);
  subscribe<OrderPlacedV2>(OrderPlacedV2Schema, async () => undefined);
  // @ts-expect-error a version 2 subscription does not hand out version 1 values
  subscribe<OrderPlacedV1>(OrderPlacedV2Schema, async () => undefined);
  // @ts-expect-error a publisher's type is the version's write type, not anything
  new Publisher<{ anything: number }>(client, OrderPlacedV3Schema);
  // @ts-expect-error the handler's parameter is the version's read type
  subscribe(OrderPlacedV2Schema, async (event: { id: number }) => void event);
  // @ts-expect-error an event's descriptor is not a version: name the version to read
  subscribe(OrderPlacedSchema, async () => undefined);
  // @ts-expect-error publishers take one version, not the event and a number
  new Publisher(client, OrderPlacedSchema, 3);
}
