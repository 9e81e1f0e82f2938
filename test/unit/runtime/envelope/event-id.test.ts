/**
 * The id a consumed event is deduplicated by: UUIDs in any case are one id; an absent,
 * blank or undecodable id falls back to the message's place, so such events are never
 * dropped as duplicates of each other.
 */
import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../../../../runtime/consumer/idempotency.js';
import { eventIdOf } from '../../../../runtime/consumer/message-context.js';
import { HeaderReader } from '../../../../runtime/envelope/headers.js';

const UUID = '3f2b8c1e-9a4d-4e7f-b2c6-0d1e2f3a4b5c';

describe('eventIdOf', () => {
  it('keeps an id as it is, and a UUID in lower case', () => {
    expect(eventIdOf(UUID, 't', 0, '5')).toBe(UUID);
    expect(eventIdOf(UUID.toUpperCase(), 't', 0, '5')).toBe(UUID);
    expect(eventIdOf('3F2B8C1E-9a4d-4E7F-b2c6-0D1E2F3A4B5C', 't', 0, '5')).toBe(UUID);
    // Not a UUID: upper case is part of the id.
    expect(eventIdOf('ORDER-17', 't', 0, '5')).toBe('ORDER-17');
    expect(eventIdOf('3F2B8C1E-9A4D-4E7F-B2C6-0D1E2F3A4B5G', 't', 0, '5')).toBe(
      '3F2B8C1E-9A4D-4E7F-B2C6-0D1E2F3A4B5G',
    );
  });

  it('falls back to topic/partition/offset for an absent, blank or undecodable id', () => {
    expect(eventIdOf(undefined, 'shop.orders', 2, '41')).toBe('shop.orders/2/41');
    expect(eventIdOf('', 'shop.orders', 2, '41')).toBe('shop.orders/2/41');
    expect(eventIdOf('  \t', 'shop.orders', 2, '42')).toBe('shop.orders/2/42');
    // Header bytes that are not UTF-8 decode to U+FFFD: two such ids would collide.
    const reader = new HeaderReader();
    const bad = reader.read({ 'eventc-event-id': Buffer.from([0xc3, 0x28, 0x61]) });
    const worse = reader.read({ 'eventc-event-id': Buffer.from([0xff, 0x28, 0x61]) });
    expect(bad['eventc-event-id']).toBe(worse['eventc-event-id']);
    expect(eventIdOf(bad['eventc-event-id'], 'shop.orders', 0, '7')).toBe('shop.orders/0/7');
    expect(eventIdOf(worse['eventc-event-id'], 'shop.orders', 0, '8')).toBe('shop.orders/0/8');
  });

  it('makes the idempotency store see an upper-case UUID as the duplicate it is', () => {
    const store = new MemoryIdempotencyStore();
    store.addSync(eventIdOf(UUID, 't', 0, '1'));
    expect(store.hasSync(eventIdOf(UUID.toUpperCase(), 't', 0, '2'))).toBe(true);
    // Two events without ids are two events.
    store.addSync(eventIdOf('', 't', 0, '3'));
    expect(store.hasSync(eventIdOf('', 't', 0, '4'))).toBe(false);
  });
});
