/**
 * Graceful shutdown on SIGTERM and SIGINT: run a stop function once, then exit. Opt-in: a
 * library does not take over a process's signals unless asked.
 */
import type { Logger } from '../observability/logger.js';

export interface SignalOptions {
  /** Signals to handle. Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /** Exit the process once stopped (status 0, or 1 when stopping failed). Default true. */
  exit?: boolean;
  logger?: Logger;
}

/** Calls `stop` on the first of `signals`; returns a function that removes the handlers. */
export function installSignalHandlers(
  stop: () => Promise<void>,
  options: SignalOptions = {},
): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    options.logger?.info('signal received, stopping', { signal });
    stop().then(
      () => {
        if (options.exit ?? true) process.exit(0);
      },
      (err: unknown) => {
        options.logger?.error('graceful stop failed', {
          signal,
          error: err instanceof Error ? err.message : String(err),
        });
        if (options.exit ?? true) process.exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}
