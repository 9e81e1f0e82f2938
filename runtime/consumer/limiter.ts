/**
 * Back-pressure: a counting semaphore over the handlers in flight across all partitions. When
 * the limit is reached the consumer pauses fetching (`onSaturated`), and resumes once half of
 * the slots are free again (`onDrained`).
 */

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private saturated = false;

  constructor(
    readonly limit: number,
    private readonly hooks: {
      onSaturated?(): void;
      onDrained?(): void;
      onChange?(active: number): void;
    } = {},
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`maxInFlight must be an integer ≥ 1, got ${limit}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get paused(): boolean {
    return this.saturated;
  }

  /** Takes a free slot without waiting; false when there is none. Give it back with `give()`. */
  take(): boolean {
    if (this.active >= this.limit) return false;
    this.active++;
    this.afterAcquire();
    return true;
  }

  /** Waits for a slot (after `take()` returned false); give it back with `give()`. */
  async wait(): Promise<void> {
    if (this.take()) return;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.afterAcquire();
  }

  private afterAcquire(): void {
    this.hooks.onChange?.(this.active);
    if (this.active >= this.limit && !this.saturated) {
      this.saturated = true;
      this.hooks.onSaturated?.();
    }
  }

  /** Gives back a slot taken with `take()` or `wait()`. */
  give(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // The slot passes to the waiter: `active` stays the same.
      return;
    }
    this.active--;
    this.hooks.onChange?.(this.active);
    if (this.saturated && this.active <= Math.floor(this.limit / 2)) {
      this.saturated = false;
      this.hooks.onDrained?.();
    }
  }
}
