import { describe, expect, it, vi } from 'vitest';
import {
  EventValidationError,
  EventcClient,
  Publisher,
  avroType,
  defineEvent,
  decodeFrame,
  parseTraceparent,
  silentLogger,
  subscribe,
  type EventContext,
  type EventDescriptor,
} from 'eventc/runtime';

const schema = JSON.stringify({
  type: 'record',
  name: 'OrderCreated',
  namespace: 'com.shop',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amount', type: 'long' },
    {
      name: 'items',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Item',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
          ],
        },
      },
    },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

const descriptor: EventDescriptor = defineEvent({
  event: 'OrderCreated',
  topic: 'orders',
  subject: 'orders-value',
  keyField: 'orderId',
  versions: [
    {
      event: 'OrderCreated',
      version: 1,
      fullName: 'com.shop.OrderCreated',
      schema,
      type: avroType(schema),
    },
  ],
});

async function publisher(): Promise<Publisher<Record<string, unknown>>> {
  const client = new EventcClient({
    brokers: ['127.0.0.1:1'],
    clientId: 'unit',
    registry: { url: 'http://127.0.0.1:1' },
    logger: silentLogger,
  });
  vi.spyOn(client.schemas, 'resolveId').mockResolvedValue(42);
  const p = new Publisher<Record<string, unknown>>(client, descriptor.versions[0]!);
  await p.ready();
  return p;
}

const good = { orderId: 'o-1', amount: 1250, items: [{ sku: 'A', qty: 2 }], note: null };

describe('Publisher.prepare', () => {
  it('lists every bad field path in an EventValidationError', async () => {
    const p = await publisher();
    const bad = {
      orderId: 7,
      amount: 'x',
      items: [
        { sku: 'A', qty: 1 },
        { sku: null, qty: 1.5 },
      ],
      note: null,
    };
    let err: unknown;
    try {
      p.prepare(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EventValidationError);
    const v = err as EventValidationError;
    expect(v.name).toBe('EventValidationError');
    expect(v.eventType).toBe('OrderCreated');
    expect(v.paths).toEqual(['orderId', 'amount', 'items.1.sku', 'items.1.qty']);
    expect(v.problems.map((p) => p.expected)).toEqual(['string', 'long', 'string', 'int']);
    expect(v.message).toContain("'items.1.qty' (expected int)");
    expect(v.retriable).toBe(false);
  });

  it('frames the Avro body with the schema id and keys by the key field', async () => {
    const p = await publisher();
    const { topic, message, result } = p.prepare(good);
    expect(topic).toBe('orders');
    expect(message.key).toBe('o-1');
    const frame = decodeFrame(message.value as Buffer);
    expect(frame.schemaId).toBe(42);
    expect(descriptor.versions[0]!.type.fromBuffer(frame.body)).toEqual(good);
    expect(result).toMatchObject({ topic: 'orders', key: 'o-1', schemaId: 42 });
    expect(result.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sets the eventc headers; correlation id defaults to the event id', async () => {
    const p = await publisher();
    const { message, result } = p.prepare(good, { key: 'k', headers: { 'x-a': 'b' } });
    const h = message.headers as Record<string, string>;
    expect(message.key).toBe('k');
    expect(h['eventc-event-id']).toBe(result.eventId);
    expect(h['eventc-event-type']).toBe('OrderCreated');
    expect(h['eventc-event-version']).toBe('1');
    expect(Number.isNaN(Date.parse(h['eventc-event-time']!))).toBe(false);
    expect(h['eventc-correlation-id']).toBe(result.eventId);
    expect(h['eventc-causation-id']).toBeUndefined();
    expect(h.traceparent).toBeUndefined();
    expect(h['x-a']).toBe('b');
  });

  it('carries correlation, causation and a child trace span over from a cause', async () => {
    const p = await publisher();
    const cause: EventContext = {
      eventId: 'parent-id',
      eventType: 'PaymentReceived',
      writerVersion: 1,
      readerVersion: 1,
      time: new Date(),
      correlationId: 'corr-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      topic: 'payments',
      partition: 0,
      offset: '5',
      key: null,
      headers: { tracestate: 'v=1' },
    };
    const h = p.prepare(good, { cause, eventId: 'child-id' }).message.headers as Record<
      string,
      string
    >;
    expect(h['eventc-event-id']).toBe('child-id');
    expect(h['eventc-correlation-id']).toBe('corr-1');
    expect(h['eventc-causation-id']).toBe('parent-id');
    const tp = parseTraceparent(h.traceparent)!;
    expect(tp.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(tp.spanId).not.toBe('00f067aa0ba902b7');
    expect(h.tracestate).toBe('v=1');
  });

  it('publish() reports an invalid value or an unconnected client as a rejection, never a throw', async () => {
    const p = await publisher();
    let sync: unknown;
    let invalid: Promise<unknown> | undefined;
    let unconnected: Promise<unknown> | undefined;
    try {
      invalid = p.publish({ ...good, amount: 'x' });
      unconnected = p.publish(good);
    } catch (err) {
      sync = err;
    }
    expect(sync).toBeUndefined();
    await expect(invalid).rejects.toBeInstanceOf(EventValidationError);
    await expect(unconnected).rejects.toThrow(/not connected/);
  });

  it('refuses a version that belongs to no event descriptor', () => {
    const client = new EventcClient({
      brokers: ['127.0.0.1:1'],
      clientId: 'unit',
      registry: { url: 'http://127.0.0.1:1' },
      logger: silentLogger,
    });
    const loose = { ...descriptor.versions[0]!, version: 3 };
    expect(() => new Publisher(client, loose)).toThrow(
      /OrderCreated v3 belongs to no event descriptor: build the event with defineEvent/,
    );
    expect(() => subscribe(loose, async () => undefined)).toThrow(/belongs to no event/);
    expect(() => defineEvent({ ...descriptor, event: 'Other' })).toThrow(
      /OrderCreated v1 cannot be a version of Other/,
    );
    // A version knows its event: the publisher takes topic, subject and key field from it.
    const p = new Publisher(client, descriptor.versions[0]!);
    expect([p.descriptor, p.version]).toEqual([descriptor, 1]);
  });
});
