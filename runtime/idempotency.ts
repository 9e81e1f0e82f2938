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

/** A bounded in-memory store: remembers the `capacity` most recently used ids. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly capacity: number;
  // A Map iterates in insertion order: re-inserting on use makes the first key the oldest.
  private readonly ids = new Map<string, true>();

  constructor(capacity = 100_000) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.ids.size;
  }

  has(eventId: string): Promise<boolean> {
    return Promise.resolve(this.hasSync(eventId));
  }

  add(eventId: string): Promise<void> {
    this.addSync(eventId);
    return Promise.resolve();
  }

  hasSync(eventId: string): boolean {
    if (!this.ids.has(eventId)) return false;
    this.ids.delete(eventId);
    this.ids.set(eventId, true);
    return true;
  }

  addSync(eventId: string): void {
    this.ids.delete(eventId);
    this.ids.set(eventId, true);
    while (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next().value as string;
      this.ids.delete(oldest);
    }
  }
}
