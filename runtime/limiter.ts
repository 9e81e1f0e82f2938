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

  /** A free slot without waiting, or `undefined` when there is none. */
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.limit) return undefined;
    this.active++;
    this.afterAcquire();
    return this.releaser();
  }

  /** Waits for a free slot; the returned function releases it (once). */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    this.afterAcquire();
    return this.releaser();
  }

  private afterAcquire(): void {
    this.hooks.onChange?.(this.active);
    if (this.active >= this.limit && !this.saturated) {
      this.saturated = true;
      this.hooks.onSaturated?.();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
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
