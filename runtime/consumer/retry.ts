/**
 * Retry schedule of failed handlers: exponential back-off with jitter, a bounded number of
 * attempts, then the dead-letter topic.
 */

export interface RetryOptions {
  /** Attempts in all, the first one included (1 = no retry). Default 5. */
  attempts?: number;
  /** Delay before the second attempt, in ms. Default 200. */
  initialDelayMs?: number;
  /** Upper bound of any delay, in ms. Default 30 000. */
  maxDelayMs?: number;
  /** Growth factor between consecutive delays. Default 2. */
  multiplier?: number;
  /** Relative jitter: each delay is drawn from `d·(1 ± jitter)`. Default 0.2, range 0..1. */
  jitter?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.2,
};

/** Fills in defaults and checks the ranges; throws `RangeError` for nonsense values. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const p: RetryPolicy = { ...DEFAULT_RETRY, ...stripUndefined(options) };
  if (!Number.isInteger(p.attempts) || p.attempts < 1) {
    throw new RangeError(`retry.attempts must be an integer ≥ 1, got ${p.attempts}`);
  }
  if (p.initialDelayMs < 0 || p.maxDelayMs < 0) throw new RangeError('retry delays must be ≥ 0');
  if (p.multiplier < 1) throw new RangeError(`retry.multiplier must be ≥ 1, got ${p.multiplier}`);
  if (p.jitter < 0 || p.jitter > 1)
    throw new RangeError(`retry.jitter must be in 0..1, got ${p.jitter}`);
  return p;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Delay in ms before attempt `attempt + 1`, after `attempt` failed attempts (≥ 1).
 * `random` returns a number in [0, 1); it is a parameter so the schedule can be tested.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * policy.multiplier ** (attempt - 1),
  );
  const factor = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.round(Math.min(policy.maxDelayMs, base * factor));
}

/** The whole schedule: the delays between the attempts of one event. */
export function retrySchedule(policy: RetryPolicy, random: () => number = Math.random): number[] {
  const delays: number[] = [];
  for (let attempt = 1; attempt < policy.attempts; attempt++)
    delays.push(retryDelay(policy, attempt, random));
  return delays;
}

/** Resolves after `ms`, or at once when `signal` aborts (without rejecting). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
