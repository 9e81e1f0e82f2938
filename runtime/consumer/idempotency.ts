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
 *
 * An id that is a lowercase UUID (what eventc publishers write) is kept as its 128 bits in
 * typed arrays, not as a string: a consumer handling tens of thousands of events a second
 * would otherwise keep every id string alive for the garbage collector to copy and trace.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly capacity: number;
  private readonly generation: number;
  private current: Generation;
  private previous: Generation;
  /** The id parsed last, whether it is a UUID, and its four 32-bit words. */
  private parsed = '';
  private isUuid = false;
  private w0 = 0;
  private w1 = 0;
  private w2 = 0;
  private w3 = 0;

  constructor(capacity = 200_000) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`capacity must be an integer ≥ 2, got ${capacity}`);
    }
    this.capacity = capacity;
    this.generation = Math.ceil(capacity / 2);
    this.current = new Generation(this.generation);
    this.previous = new Generation(this.generation);
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
    if (this.parse(eventId)) {
      const { w0, w1, w2, w3 } = this;
      if (this.current.uuids.has(w0, w1, w2, w3)) return true;
      if (!this.previous.uuids.has(w0, w1, w2, w3)) return false;
    } else {
      const hash = hashId(eventId);
      if (this.current.texts.has(hash, eventId)) return true;
      if (!this.previous.texts.has(hash, eventId)) return false;
    }
    this.addSync(eventId);
    return true;
  }

  addSync(eventId: string): void {
    if (this.parse(eventId)) {
      this.current.uuids.add(this.w0, this.w1, this.w2, this.w3);
    } else {
      this.current.texts.add(hashId(eventId), eventId);
    }
    if (this.current.size >= this.generation) {
      const dropped = this.previous;
      dropped.clear();
      this.previous = this.current;
      this.current = dropped;
    }
  }

  /**
   * Whether `id` is a lowercase `8-4-4-4-12` UUID; if so its words are in `w0`…`w3`. The id
   * checked before a handler is the one added after it, so the last answer is kept.
   */
  private parse(id: string): boolean {
    if (id === this.parsed) return this.isUuid;
    this.parsed = id;
    this.isUuid = false;
    if (id.length !== 36) return false;
    const w0 = hexWord(id, 0);
    const w1 = hexWord4(id, 9, 14);
    const w2 = hexWord4(id, 19, 24);
    const w3 = hexWord(id, 28);
    if (
      w0 === undefined ||
      w1 === undefined ||
      w2 === undefined ||
      w3 === undefined ||
      id.charCodeAt(8) !== DASH ||
      id.charCodeAt(13) !== DASH ||
      id.charCodeAt(18) !== DASH ||
      id.charCodeAt(23) !== DASH
    ) {
      return false;
    }
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
    this.isUuid = true;
    return true;
  }
}

const DASH = 0x2d;

/** The value of a lowercase hex digit, or -1. */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Eight hex digits from `at` as a 32-bit word; undefined when one is not a lowercase hex digit. */
function hexWord(id: string, at: number): number | undefined {
  let word = 0;
  for (let i = at; i < at + 8; i++) {
    const v = hexDigit(id.charCodeAt(i));
    if (v < 0) return undefined;
    word = (word << 4) | v;
  }
  return word;
}

/** Four hex digits from `a` and four from `b` as one 32-bit word (the UUID's middle groups). */
function hexWord4(id: string, a: number, b: number): number | undefined {
  let word = 0;
  for (let i = 0; i < 8; i++) {
    const v = hexDigit(id.charCodeAt(i < 4 ? a + i : b + i - 4));
    if (v < 0) return undefined;
    word = (word << 4) | v;
  }
  return word;
}

/** One generation: UUIDs as bits, other ids as strings. */
class Generation {
  readonly uuids: UuidTable;
  readonly texts: IdTable;
  constructor(entries: number) {
    this.uuids = new UuidTable(entries);
    this.texts = new IdTable(entries);
  }
  get size(): number {
    return this.uuids.size + this.texts.size;
  }
  clear(): void {
    this.uuids.clear();
    this.texts.clear();
  }
}

/**
 * UUIDs as four 32-bit words each in one typed array, open-addressed (linear probing, at most
 * half full); a second one marks the slots in use. It starts small and doubles as it fills, up
 * to the slots `entries` need.
 */
class UuidTable {
  size = 0;
  private mask = 0;
  private used = new Uint8Array(0);
  private words = new Int32Array(0);

  constructor(private readonly entries: number) {
    this.allocate(Math.min(1024, slotsFor(entries)));
  }

  has(w0: number, w1: number, w2: number, w3: number): boolean {
    const { used, words, mask } = this;
    for (let i = slotOf(w0, w1, w2, w3) & mask; ; i = (i + 1) & mask) {
      if (used[i] === 0) return false;
      const at = i * 4;
      if (words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3)
        return true;
    }
  }

  add(w0: number, w1: number, w2: number, w3: number): void {
    const { used, words, mask } = this;
    for (let i = slotOf(w0, w1, w2, w3) & mask; ; i = (i + 1) & mask) {
      const at = i * 4;
      if (used[i] === 0) {
        used[i] = 1;
        words[at] = w0;
        words[at + 1] = w1;
        words[at + 2] = w2;
        words[at + 3] = w3;
        if (++this.size * 2 > mask + 1) this.grow();
        return;
      }
      if (words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3)
        return;
    }
  }

  clear(): void {
    if (this.size === 0) return;
    this.used.fill(0);
    this.size = 0;
  }

  private allocate(slots: number): void {
    this.mask = slots - 1;
    this.used = new Uint8Array(slots);
    this.words = new Int32Array(slots * 4);
  }

  /** Twice the slots (while `entries` needs more), every UUID moved to its new place. */
  private grow(): void {
    const slots = this.mask + 1;
    if (slots >= slotsFor(this.entries)) return;
    const { used, words } = this;
    this.allocate(slots * 2);
    this.size = 0;
    for (let i = 0; i < slots; i++) {
      if (used[i] === 0) continue;
      const at = i * 4;
      this.add(words[at]!, words[at + 1]!, words[at + 2]!, words[at + 3]!);
    }
  }
}

/** 32-bit FNV-1a of the string's UTF-16 code units, as a signed integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The FNV-1a of an id, never 0 (0 marks a free slot). */
function hashId(id: string): number {
  return fnv1a(id) | 1;
}

/** A slot hash of all four words (time-ordered UUIDs share their first bits). */
function slotOf(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0, 0x9e3779b1) ^ Math.imul(w1, 0x85ebca77) ^ Math.imul(w2, 0xc2b2ae3d) ^ w3;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/**
 * The ids of a generation that are not lowercase UUIDs: an open-addressed table (linear
 * probing, at most half full) of id hashes in a typed array beside the ids. A lookup reads one
 * run of adjacent slots and compares an id only where its hash matches, where a `Set` of
 * strings visits ids scattered over the heap. It starts small and doubles as it fills, up to
 * the slots `entries` need.
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
