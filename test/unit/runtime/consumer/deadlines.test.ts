/** Handler deadlines: an attempt past its time fails as retriable; abandon fails the rest. */
import { describe, expect, it } from 'vitest';
import {
  HandlerAbandonedError,
  HandlerDeadlines,
  HandlerTimeoutError,
} from '../../../../runtime/consumer/deadlines.js';

const never = new Promise<void>(() => undefined);

describe('HandlerDeadlines', () => {
  it('fails an attempt that runs past its timeout, and leaves the quick ones alone', async () => {
    const d = new HandlerDeadlines();
    const quick = d.guard(Promise.resolve('ok'), 300, performance.now());
    const hung = d.guard(never, 300, performance.now()).catch((e: unknown) => e);
    await expect(quick).resolves.toBe('ok');
    const started = performance.now();
    const err = await hung;
    expect(err).toBeInstanceOf(HandlerTimeoutError);
    expect((err as HandlerTimeoutError).retriable).toBe(true);
    expect((err as Error).message).toBe('the handler did not finish within 300 ms');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(d.size).toBe(0);
  });

  it('passes a handler failure through unchanged', async () => {
    const d = new HandlerDeadlines();
    const boom = new Error('boom');
    await expect(d.guard(Promise.reject(boom), 1000, performance.now())).rejects.toBe(boom);
  });

  it('abandons every attempt still running', async () => {
    const d = new HandlerDeadlines();
    const a = d.guard(never, 60_000, performance.now()).catch((e: unknown) => e);
    const b = d.guard(never, 60_000, performance.now()).catch((e: unknown) => e);
    expect(d.abandon(new HandlerAbandonedError('stopped'))).toBe(2);
    expect(await a).toBeInstanceOf(HandlerAbandonedError);
    expect(await b).toBeInstanceOf(HandlerAbandonedError);
    expect(d.size).toBe(0);
  });
});
