/**
 * Deadlines of the handlers in flight: each attempt of a handler is given `timeoutMs`, and a
 * sweep (four times a second, while any handler runs) fails the attempts past theirs with a
 * retriable `HandlerTimeoutError`. `abandon()` fails every attempt still running, for a stop
 * that cannot wait any longer. A handler is not cancelled (JavaScript cannot): its promise is
 * only no longer waited for, so a handler should bound its own calls too.
 */
import { EventcRuntimeError, type RuntimeErrorOptions } from '../errors.js';

/** A handler attempt ran past its deadline; retried like any failure, then dead-lettered. */
export class HandlerTimeoutError extends EventcRuntimeError {
  override name = 'HandlerTimeoutError';
  constructor(message: string, options: RuntimeErrorOptions = {}) {
    super(message, { retriable: true, ...options });
  }
}

/** The consumer stopped before the handler finished; its event is not committed. */
export class HandlerAbandonedError extends EventcRuntimeError {
  override name = 'HandlerAbandonedError';
}

interface Watched {
  deadline: number;
  timeoutMs: number;
  reject(err: unknown): void;
}

const SWEEP_MS = 250;

export class HandlerDeadlines {
  private readonly running = new Set<Watched>();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** `attempt`, failed with `HandlerTimeoutError` once it runs `timeoutMs` past `startedAt`. */
  guard<T>(attempt: Promise<T>, timeoutMs: number, startedAt: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const watched: Watched = { deadline: startedAt + timeoutMs, timeoutMs, reject };
      this.running.add(watched);
      this.timer ??= setInterval(() => this.sweep(), SWEEP_MS).unref();
      attempt.then(
        (value) => {
          this.running.delete(watched);
          resolve(value);
        },
        (err: unknown) => {
          this.running.delete(watched);
          reject(err);
        },
      );
    });
  }

  /** Fails every attempt still running with `err`; returns how many there were. */
  abandon(err: unknown): number {
    const n = this.running.size;
    for (const w of this.running) w.reject(err);
    this.running.clear();
    this.idle();
    return n;
  }

  get size(): number {
    return this.running.size;
  }

  private sweep(): void {
    const now = performance.now();
    for (const w of this.running) {
      if (now < w.deadline) continue;
      this.running.delete(w);
      w.reject(new HandlerTimeoutError(`the handler did not finish within ${w.timeoutMs} ms`));
    }
    if (this.running.size === 0) this.idle();
  }

  private idle(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
