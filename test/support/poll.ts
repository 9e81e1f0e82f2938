/**
 * Polling with a deadline: tests wait for a condition instead of sleeping and hoping.
 */

export interface PollOptions {
  /** Give up after this many milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Wait this long between attempts (default 100). */
  readonly intervalMs?: number;
  /** What was awaited; becomes the error message on timeout. */
  readonly message?: string;
}

export class PollTimeoutError extends Error {
  override readonly name = 'PollTimeoutError';
  readonly timeoutMs: number;
  readonly attempts: number;

  constructor(message: string, timeoutMs: number, attempts: number, cause: unknown) {
    super(`${message} (gave up after ${timeoutMs} ms, ${attempts} attempts)`, { cause });
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }
}

/**
 * Calls `fn` until it returns a value other than `undefined`, `null` or `false`, and
 * returns that value. A throwing `fn` counts as "not yet"; its last error becomes the
 * `cause` of the PollTimeoutError thrown when the deadline passes.
 */
export async function pollUntil<T>(
  fn: () => T | Promise<T>,
  options: PollOptions = {},
): Promise<Exclude<T, undefined | null | false>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    attempts += 1;
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) {
        return value as Exclude<T, undefined | null | false>;
      }
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new PollTimeoutError(
        options.message ?? 'condition not met',
        timeoutMs,
        attempts,
        lastError,
      );
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))),
    );
  }
}
