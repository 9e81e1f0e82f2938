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

  it('keeps an id that is used again longer than one that is not', async () => {
    const store = new MemoryIdempotencyStore(4);
    for (const id of ['a', 'b', 'c']) await store.add(id);
    expect(await store.has('a')).toBe(true); // a is recent again
    await store.add('d');
    expect(await store.has('b')).toBe(false); // older than a's reuse, not used again
    expect(await store.has('a')).toBe(true);
    expect(store.size).toBeLessThanOrEqual(4);
  });

  it('does not grow when the same id is added again', async () => {
    const store = new MemoryIdempotencyStore(2);
    await store.add('x');
    await store.add('x');
    expect(store.size).toBe(1);
  });

  it('remembers at least the most recent half of its capacity, never more than the capacity', async () => {
    const store = new MemoryIdempotencyStore(1000);
    for (let i = 0; i < 10_000; i++) {
      await store.add(`id-${i}`);
      expect(store.size).toBeLessThanOrEqual(1000);
    }
    for (let i = 9_500; i < 10_000; i++) expect(await store.has(`id-${i}`)).toBe(true);
    expect(await store.has('id-0')).toBe(false);
  });

  it('refuses a capacity below two', () => {
    expect(() => new MemoryIdempotencyStore(1)).toThrow(RangeError);
  });
});
