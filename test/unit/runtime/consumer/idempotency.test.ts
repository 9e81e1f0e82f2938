import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from 'eventc/runtime';

/**
 * Ids of the pool: mostly lowercase UUIDs; some the same UUID in capitals or with a bad digit
 * (strings, and other ids than the UUID); some plain strings. UUIDs that differ in one word
 * only, so that the words are compared one by one.
 */
function idOf(n: number): string {
  const hex = (v: number, digits: number) => v.toString(16).padStart(digits, '0');
  const uuid = `${hex(n % 7, 8)}-${hex(n % 5, 4)}-4${hex(n % 3, 3)}-8${hex(n >> 4, 3)}-${hex(n, 12)}`;
  switch (n % 10) {
    case 7:
      return uuid.toUpperCase();
    case 8:
      return `${uuid.slice(0, 35)}g`;
    case 9:
      return `event-${n}`;
    default:
      return uuid;
  }
}

describe('MemoryIdempotencyStore', () => {
  it('tells a lowercase UUID from the same UUID in capitals, and from near-UUIDs', () => {
    const store = new MemoryIdempotencyStore(100);
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    store.addSync(id);
    expect(store.hasSync(id)).toBe(true);
    expect(store.hasSync(`${id}`.slice(0))).toBe(true);
    for (const other of [
      id.toUpperCase(),
      '0f8fad5b-d9cb-469f-a165-70867728950f',
      '1f8fad5b-d9cb-469f-a165-70867728950e',
      '0f8fad5b-d9cb-469f-a166-70867728950e',
      '0f8fad5bd9cb-469f-a165-70867728950e-',
      '0f8fad5b-d9cb-469f-a165-70867728950',
      // A hex digit where a dash belongs: the same digits, another id.
      ...[8, 13, 18, 23].map((at) => `${id.slice(0, at)}a${id.slice(at + 1)}`),
    ]) {
      expect(store.hasSync(other), other).toBe(false);
    }
    store.addSync(id.toUpperCase());
    expect(store.hasSync(id.toUpperCase())).toBe(true);
    expect(store.size).toBe(2);
  });

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

  it('compares every word of a UUID: ids that differ in the last one only', () => {
    const store = new MemoryIdempotencyStore(4000);
    const id = (n: number) => `0f8fad5b-d9cb-469f-a165-7086${n.toString(16).padStart(8, '0')}`;
    for (let n = 0; n < 1999; n += 2) store.addSync(id(n));
    const wrong = [];
    for (let n = 0; n < 1999; n++) if (store.hasSync(id(n)) !== (n % 2 === 0)) wrong.push(id(n));
    expect(wrong.slice(0, 3)).toEqual([]);
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
        // Ids from a pool a few times the capacity, so hits, misses and reuse all happen:
        // lowercase UUIDs (kept as bits), and other ids (kept as strings).
        const id = idOf(Math.floor(random() * capacity * 3));
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
