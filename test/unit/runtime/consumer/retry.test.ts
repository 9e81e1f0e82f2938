import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelay, retryPolicy, retrySchedule } from 'eventc/runtime';

describe('retry schedule', () => {
  const noJitter = retryPolicy({
    attempts: 6,
    initialDelayMs: 100,
    maxDelayMs: 1000,
    multiplier: 2,
    jitter: 0,
  });

  it('doubles the delay each attempt up to the maximum', () => {
    expect(retrySchedule(noJitter)).toEqual([100, 200, 400, 800, 1000]);
  });

  it('has one delay fewer than attempts, none for a single attempt', () => {
    expect(retrySchedule(retryPolicy({ attempts: 1 }))).toEqual([]);
    expect(retrySchedule(retryPolicy({ attempts: 3, jitter: 0 }))).toHaveLength(2);
  });

  it('spreads each delay within ±jitter', () => {
    const p = retryPolicy({ initialDelayMs: 1000, jitter: 0.2, maxDelayMs: 100_000 });
    expect(retryDelay(p, 1, () => 0)).toBe(800);
    expect(retryDelay(p, 1, () => 0.5)).toBe(1000);
    expect(retryDelay(p, 1, () => 0.999999)).toBe(1200);
    expect(retryDelay(p, 3, () => 0)).toBe(3200);
  });

  it('never exceeds the maximum, jitter included', () => {
    const p = retryPolicy({ initialDelayMs: 1000, maxDelayMs: 1500, jitter: 0.5 });
    for (let attempt = 1; attempt < 10; attempt++)
      expect(retryDelay(p, attempt, () => 0.999)).toBeLessThanOrEqual(1500);
  });

  it('varies with the random source (jitter is real)', () => {
    const p = retryPolicy({});
    const values = new Set(Array.from({ length: 20 }, () => retryDelay(p, 2)));
    expect(values.size).toBeGreaterThan(1);
  });

  it('fills in defaults and refuses nonsense', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY);
    expect(retryPolicy({ attempts: undefined }).attempts).toBe(DEFAULT_RETRY.attempts);
    expect(() => retryPolicy({ attempts: 0 })).toThrow(RangeError);
    expect(() => retryPolicy({ jitter: 2 })).toThrow(/jitter/);
    expect(() => retryPolicy({ multiplier: 0.5 })).toThrow(/multiplier/);
  });
});
