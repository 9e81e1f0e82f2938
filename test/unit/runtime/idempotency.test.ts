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

  it('answers as two generations of sets would, through growth, probing and generation swaps', () => {
    // The same policy written with Sets: the store must agree on every answer and on its size.
    class Reference {
      current = new Set<string>();
      previous = new Set<string>();
      constructor(readonly generation: number) {}
      has(id: string): boolean {
        if (this.current.has(id)) return true;
        if (!this.previous.has(id)) return false;
        this.add(id);
        return true;
      }
      add(id: string): void {
        this.current.add(id);
        if (this.current.size >= this.generation) {
          this.previous = this.current;
          this.current = new Set();
        }
      }
    }
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const capacity of [2, 3, 10, 64, 5000]) {
      const store = new MemoryIdempotencyStore(capacity);
      const reference = new Reference(Math.ceil(capacity / 2));
      const disagreements: string[] = [];
      let hits = 0;
      for (let i = 0; i < 30_000; i++) {
        // Ids from a pool a few times the capacity, so hits, misses and reuse all happen.
        const id = `event-${Math.floor(random() * capacity * 3)}`;
        const seen = store.hasSync(id);
        if (seen) hits++;
        if (seen !== reference.has(id)) disagreements.push(`has(${id}) at step ${i}`);
        if (random() < 0.7) {
          store.addSync(id);
          reference.add(id);
        }
        if (store.size !== reference.current.size + reference.previous.size)
          disagreements.push(`size at step ${i}`);
      }
      expect(disagreements.slice(0, 5), `capacity ${capacity}`).toEqual([]);
      expect(hits).toBeGreaterThan(1000);
    }
  });

  it('refuses a capacity below two', () => {
    expect(() => new MemoryIdempotencyStore(1)).toThrow(RangeError);
  });
});
