import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from 'eventc/runtime';

describe('MemoryIdempotencyStore', () => {
  it('remembers added ids', async () => {
    const store = new MemoryIdempotencyStore(10);
    expect(await store.has('a')).toBe(false);
    await store.add('a');
    expect(await store.has('a')).toBe(true);
    expect(await store.has('b')).toBe(false);
  });

  it('is bounded: forgets the least recently used id first', async () => {
    const store = new MemoryIdempotencyStore(3);
    for (const id of ['a', 'b', 'c']) await store.add(id);
    expect(await store.has('a')).toBe(true); // a is now the most recent
    await store.add('d'); // evicts b
    expect(store.size).toBe(3);
    expect(await store.has('b')).toBe(false);
    expect(await store.has('a')).toBe(true);
    expect(await store.has('c')).toBe(true);
    expect(await store.has('d')).toBe(true);
  });

  it('does not grow when the same id is added again', async () => {
    const store = new MemoryIdempotencyStore(2);
    await store.add('x');
    await store.add('x');
    expect(store.size).toBe(1);
  });

  it('refuses a capacity below one', () => {
    expect(() => new MemoryIdempotencyStore(0)).toThrow(RangeError);
  });
});
