import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { Decoder } from '../../../../runtime/consumer/decoder.js';
import { PoisonMessageError, RegistryUnavailableError } from '../../../../runtime/errors.js';
import { HEADER } from '../../../../runtime/envelope/headers.js';
import { RegistryClient } from '../../../../runtime/registry/client.js';
import { SchemaCache } from '../../../../runtime/registry/schemas.js';
import { subscribe } from '../../../../runtime/consumer/context.js';
import { encodeFrame } from '../../../../runtime/codec/wire.js';
import { descriptorFor, order, type } from '../../../bench/e2e-fixture.js';

const SCHEMA_ID = 7;

function decoder(): Decoder {
  // Nothing is fetched: the writer schema is seeded, as the consumer's prefetch does.
  const schemas = new SchemaCache(new RegistryClient({ url: 'http://127.0.0.1:9' }));
  schemas.seedType(SCHEMA_ID, type);
  return new Decoder(schemas, [
    subscribe(descriptorFor('orders').versions[0]!, async () => undefined),
  ]);
}

function message(offset: number, eventType: string | undefined, id = `id-${offset}`): KafkaMessage {
  const headers: Record<string, Buffer> = { [HEADER.eventId]: Buffer.from(id) };
  if (eventType !== undefined) headers[HEADER.eventType] = Buffer.from(eventType);
  headers[HEADER.eventVersion] = Buffer.from('1');
  return {
    key: Buffer.from(`order-${offset}`),
    value: encodeFrame(SCHEMA_ID, type.toBuffer(order(offset))),
    timestamp: '1764201600000',
    attributes: 0,
    offset: String(offset),
    headers,
  };
}

describe('Decoder', () => {
  it('decodes consecutive messages, routing each by its own event type header', () => {
    const d = decoder();
    const kinds = ['OrderPlaced', 'OrderPlaced', 'Refund', undefined, 'OrderPlaced', 'Refund'];
    const outcomes = kinds.map((kind, offset) => {
      try {
        const decoded = d.decode('orders', 0, message(offset, kind));
        if (decoded instanceof Promise) return 'pending';
        return `${decoded.ctx.eventType} ${decoded.ctx.eventId} ${(decoded.value as { orderId: string }).orderId}`;
      } catch (err) {
        return err instanceof PoisonMessageError ? err.reason : String(err);
      }
    });
    expect(outcomes).toEqual([
      'OrderPlaced id-0 order-0',
      'OrderPlaced id-1 order-1',
      'unhandled-event-type',
      'OrderPlaced id-3 order-3', // no type header: found by the writer's record name
      'OrderPlaced id-4 order-4',
      'unhandled-event-type',
    ]);
  });

  it('fills the context from the headers of each message', () => {
    const d = decoder();
    const first = d.decode('orders', 2, message(10, 'OrderPlaced', 'same-id'));
    const second = d.decode('orders', 2, message(11, 'OrderPlaced', 'other-id'));
    if (first instanceof Promise || second instanceof Promise) throw new Error('not cached');
    expect(first.ctx).toMatchObject({
      eventId: 'same-id',
      partition: 2,
      offset: '10',
      key: 'order-10',
    });
    expect(second.ctx).toMatchObject({
      eventId: 'other-id',
      correlationId: 'other-id',
      offset: '11',
      key: 'order-11',
      writerVersion: 1,
      readerVersion: 1,
    });
    expect(second.ctx.headers).toEqual({
      [HEADER.eventId]: 'other-id',
      [HEADER.eventType]: 'OrderPlaced',
      [HEADER.eventVersion]: '1',
    });
  });
});

describe('Decoder and a registry that refuses', () => {
  it('waits (retriable) on a refused writer-schema request, and parks only an unknown id', async () => {
    const server = createServer((req, res) => {
      const refused = req.url === '/schemas/ids/401';
      res.writeHead(refused ? 401 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          refused
            ? { error_code: 40101, message: 'unauthorized' }
            : { error_code: 40403, message: 'Schema not found' },
        ),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const schemas = new SchemaCache(new RegistryClient({ url, retries: 0 }));
      const d = new Decoder(schemas, [
        subscribe(descriptorFor('orders').versions[0]!, async () => undefined),
      ]);
      const framed = (id: number): KafkaMessage => ({
        ...message(1, 'OrderPlaced'),
        value: encodeFrame(id, type.toBuffer(order(1))),
      });
      const refused = await Promise.resolve(d.decode('orders', 0, framed(401))).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(RegistryUnavailableError);
      expect(refused).toMatchObject({ retriable: true, schemaId: 401 });
      expect((refused as Error).message).toContain('cannot fetch writer schema 401');
      const unknown = await Promise.resolve(d.decode('orders', 0, framed(404))).catch(
        (e: unknown) => e,
      );
      expect(unknown).toBeInstanceOf(PoisonMessageError);
      expect((unknown as PoisonMessageError).reason).toBe('unknown-schema-id');
    } finally {
      server.close();
    }
  });
});
