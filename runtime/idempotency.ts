/**
 * Idempotent handling: the consumer skips an event whose id is already in the store, and adds
 * the id once the handler succeeded. The default store is in memory and bounded (least
 * recently used ids are forgotten first); a persistent store (Redis, a database table) plugs in
 * through the same two methods.
 */

export interface IdempotencyStore {
  /** Whether the event with this id was already handled. */
  has(eventId: string): Promise<boolean>;
  /** Records that the event with this id was handled. */
  add(eventId: string): Promise<void>;
}

/**
 * A bounded in-memory store in two generations: ids go into the current generation; when it
 * holds half the capacity it becomes the previous one and the one before is dropped. A hit in
 * the previous generation moves the id forward. So the store remembers at least the
 * `capacity / 2` most recently used ids and never more than `capacity`, in O(1) per call.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly capacity: number;
  private readonly generation: number;
  private current: IdTable;
  private previous: IdTable;

  constructor(capacity = 200_000) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`capacity must be an integer ≥ 2, got ${capacity}`);
    }
    this.capacity = capacity;
    this.generation = Math.ceil(capacity / 2);
    this.current = new IdTable(this.generation);
    this.previous = new IdTable(this.generation);
  }

  /** Ids remembered right now (an id moved forward may count twice). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  has(eventId: string): Promise<boolean> {
    return Promise.resolve(this.hasSync(eventId));
  }

  add(eventId: string): Promise<void> {
    this.addSync(eventId);
    return Promise.resolve();
  }

  hasSync(eventId: string): boolean {
    const hash = hashId(eventId);
    if (this.current.has(hash, eventId)) return true;
    if (!this.previous.has(hash, eventId)) return false;
    this.addHashed(hash, eventId);
    return true;
  }

  addSync(eventId: string): void {
    this.addHashed(hashId(eventId), eventId);
  }

  private addHashed(hash: number, eventId: string): void {
    this.current.add(hash, eventId);
    if (this.current.size >= this.generation) {
      const dropped = this.previous;
      dropped.clear();
      this.previous = this.current;
      this.current = dropped;
    }
  }
}

/** 32-bit FNV-1a of the id's UTF-16 code units, never 0 (0 marks a free slot). */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 1;
}

/**
 * One generation: an open-addressed table (linear probing, at most half full) of id hashes in
 * a typed array beside the ids. A lookup reads one run of adjacent slots and compares an id
 * only where its hash matches, where a `Set` of strings visits ids scattered over the heap.
 * It starts small and doubles as it fills, up to the slots `entries` need.
 */
class IdTable {
  size = 0;
  private mask = 0;
  private hashes = new Int32Array(0);
  private ids: (string | undefined)[] = [];

  constructor(private readonly entries: number) {
    this.allocate(Math.min(1024, slotsFor(entries)));
  }

  has(hash: number, id: string): boolean {
    const { hashes, ids, mask } = this;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const h = hashes[i]!;
      if (h === 0) return false;
      if (h === hash && ids[i] === id) return true;
    }
  }

  add(hash: number, id: string): void {
    const { hashes, ids, mask } = this;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const h = hashes[i]!;
      if (h === 0) {
        hashes[i] = hash;
        ids[i] = id;
        if (++this.size * 2 > mask + 1) this.grow();
        return;
      }
      if (h === hash && ids[i] === id) return;
    }
  }

  clear(): void {
    if (this.size === 0) return;
    this.hashes.fill(0);
    this.ids.fill(undefined);
    this.size = 0;
  }

  private allocate(slots: number): void {
    this.mask = slots - 1;
    this.hashes = new Int32Array(slots);
    this.ids = new Array<string | undefined>(slots).fill(undefined);
  }

  /** Twice the slots (while `entries` needs more), every id moved to its new place. */
  private grow(): void {
    const slots = this.mask + 1;
    if (slots >= slotsFor(this.entries)) return;
    const { hashes, ids } = this;
    this.allocate(slots * 2);
    this.size = 0;
    for (let i = 0; i < slots; i++) if (hashes[i] !== 0) this.add(hashes[i]!, ids[i]!);
  }
}

/** Slots (a power of two) to hold `entries` ids at most half full. */
function slotsFor(entries: number): number {
  let slots = 4;
  while (slots < entries * 2) slots *= 2;
  return slots;
}
