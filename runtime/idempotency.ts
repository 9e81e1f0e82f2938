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
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(capacity = 200_000) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`capacity must be an integer ≥ 2, got ${capacity}`);
    }
    this.capacity = capacity;
    this.generation = Math.ceil(capacity / 2);
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
    if (this.current.has(eventId)) return true;
    if (!this.previous.has(eventId)) return false;
    this.addSync(eventId);
    return true;
  }

  addSync(eventId: string): void {
    this.current.add(eventId);
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Set();
    }
  }
}
