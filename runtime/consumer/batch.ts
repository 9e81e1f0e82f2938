/**
 * Running one fetched batch of one partition: messages with the same key are handled in
 * order, up to `concurrency` keys at once; the offset committed is always the one after the
 * longest run of finished messages from the start, so no message is ever skipped.
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { CommitQueue } from './commits.js';
import type { Limiter } from './limiter.js';
import type { Outcome } from './processor.js';

export interface BatchDeps {
  concurrency: number;
  limiter: Limiter;
  commits: CommitQueue;
  process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome>;
  /** Whether new messages may still be started. */
  accepting(): boolean;
  onLag(topic: string, partition: number, lag: number): void;
  /** The group began to rebalance (or dropped this member) while the batch ran. */
  onRebalance(topic: string, partition: number, reason: string): void;
  /**
   * Takes over a batch that made no progress for `DETACH_AFTER_MS` (a slow or hung handler):
   * its partition is paused, `runBatch` returns so that kafkajs goes on with the fetch's
   * other partitions, and `rest` (the handlers in flight, then the commit) finishes in the
   * background; the partition resumes after it, from the first message not finished. The
   * consumer's stop waits for `rest`. Without it, a batch waits in place.
   */
  detach?(topic: string, partition: number, rest: Promise<void>): void;
}

const PROGRESS_EVERY_MS = 50;
/** kafkajs sends a heartbeat at most every `heartbeatInterval` (3 s by default) however often asked. */
const HEARTBEAT_EVERY_MS = 1000;
/** Heartbeat answers that mean this member must give its partitions up now. */
const MEMBERSHIP_LOST = new Set([
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'FENCED_INSTANCE_ID',
]);
const STALE_CHECK_EVERY = 32;
/**
 * How long a batch may go without finishing a message before its partition is set aside
 * (paused, finished in the background): kafkajs fetches the partitions of a broker together
 * and waits for all of their batches, so one hung handler would hold up every partition
 * by its timeout times its attempts.
 */
export const DETACH_AFTER_MS = 5000;

/** Tracks finished offsets and the contiguous prefix of them. */
export class Watermark {
  private readonly done: boolean[];
  private next = 0;
  constructor(size: number) {
    this.done = new Array<boolean>(size).fill(false);
  }
  /** Marks message `i` finished; returns the index of the last message of the finished prefix, or -1. */
  finish(i: number): number {
    this.done[i] = true;
    while (this.next < this.done.length && this.done[this.next]) this.next++;
    return this.next - 1;
  }
}

export async function runBatch(payload: EachBatchPayload, deps: BatchDeps): Promise<void> {
  const { batch } = payload;
  const { topic, partition, messages } = batch;
  deps.onLag(topic, partition, Number(batch.offsetLag()));
  const mark = new Watermark(messages.length);
  let finishedUpTo = -1;
  let reportedUpTo = -1;
  let reportedAt = Date.now();
  const commit = (offsets: Parameters<EachBatchPayload['commitOffsetsIfNecessary']>[0]) =>
    payload.commitOffsetsIfNecessary(offsets);

  // Heartbeats go on while handlers or retries wait, so a slow message does not cost the
  // membership; an answer that the group rebalances stops the batch handing out messages.
  let rebalancing = false;
  const beat = (): void => {
    void payload.heartbeat().catch((err: unknown) => {
      const type = (err as { type?: unknown }).type;
      if (rebalancing || typeof type !== 'string' || !MEMBERSHIP_LOST.has(type)) return;
      rebalancing = true;
      deps.onRebalance(topic, partition, type);
    });
  };
  // No message finished for DETACH_AFTER_MS: the batch is set aside (see `detach`).
  let progressAt = Date.now();
  let detached = false;
  let onStalled: (() => void) | undefined;
  const stalled = new Promise<'stalled'>((resolve) => (onStalled = () => resolve('stalled')));
  const heartbeats = setInterval(() => {
    beat();
    if (!detached && deps.detach && Date.now() - progressAt >= DETACH_AFTER_MS) onStalled?.();
  }, HEARTBEAT_EVERY_MS);

  // Progress (resolve for kafkajs' next fetch, mark for commit, heartbeat) is reported every
  // PROGRESS_EVERY_MS and at the end of the batch, not per message.
  const report = (): void => {
    reportedAt = Date.now();
    if (finishedUpTo <= reportedUpTo) return;
    reportedUpTo = finishedUpTo;
    const offset = messages[finishedUpTo]!.offset;
    payload.resolveOffset(offset);
    deps.commits.mark(commit, topic, partition, (BigInt(offset) + 1n).toString());
    beat();
  };

  const finished = (i: number, outcome: Outcome): void => {
    progressAt = Date.now();
    if (outcome === 'aborted') return;
    finishedUpTo = mark.finish(i);
    if (Date.now() - reportedAt >= PROGRESS_EVERY_MS) report();
  };

  const limiter = deps.limiter;
  const runOne = async (i: number): Promise<void> => {
    if (!limiter.take()) await limiter.wait();
    try {
      finished(i, await deps.process(topic, partition, messages[i]!));
    } finally {
      limiter.give();
    }
  };

  // `isStale()` (true after a seek, which eventc never does itself) looks the partition up by a
  // JSON key, so it is asked every STALE_CHECK_EVERY messages rather than before each one.
  let started = 0;
  let cutShort = false;
  const go = (): boolean => {
    const ok =
      !detached &&
      !rebalancing &&
      deps.accepting() &&
      payload.isRunning() &&
      (++started % STALE_CHECK_EVERY !== 1 || !payload.isStale());
    if (!ok) cutShort = true;
    return ok;
  };
  const work = (async () => {
    try {
      if (deps.concurrency <= 1) {
        // runOne written out: one promise and one await less per message.
        for (let i = 0; i < messages.length && go(); i++) {
          if (!limiter.take()) await limiter.wait();
          try {
            finished(i, await deps.process(topic, partition, messages[i]!));
          } finally {
            limiter.give();
          }
        }
      } else {
        await runByKey(messages, deps.concurrency, go, runOne);
      }
    } finally {
      clearInterval(heartbeats);
      report();
    }
    // A batch cut short (a rebalance seen here or by another batch, a stop, set aside) may be
    // the last of this partition for this member: commit what was handled before kafkajs rejoins.
    if (cutShort) await deps.commits.flush();
  })();
  if (!deps.detach) return work;
  if ((await Promise.race([work.then(() => 'done' as const), stalled])) === 'done') return;
  // Stalled: no more messages start here; the rest finishes in the background, paused.
  detached = true;
  report();
  const resume = payload.pause();
  deps.detach(topic, partition, work.finally(resume));
  await deps.commits.flush();
}

/** Per-key chains, at most `concurrency` messages of this partition in flight. */
async function runByKey(
  messages: KafkaMessage[],
  concurrency: number,
  go: () => boolean,
  runOne: (i: number) => Promise<void>,
): Promise<void> {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const settle = (task: Promise<void>, key: string): void => {
    running.delete(task);
    if (tails.get(key) === task) tails.delete(key);
  };
  for (let i = 0; i < messages.length; i++) {
    while (running.size >= concurrency) await Promise.race(running).catch(() => undefined);
    if (failures.length > 0 || !go()) break;
    const key = messages[i]!.key?.toString('latin1') ?? `\u0000null:${i}`;
    const previous = tails.get(key) ?? Promise.resolve();
    const task: Promise<void> = previous.then(() => runOne(i));
    tails.set(key, task);
    running.add(task);
    void task.then(
      () => settle(task, key),
      (err: unknown) => {
        failures.push(err);
        settle(task, key);
      },
    );
  }
  await Promise.allSettled([...running]);
  // A failed message stops its key's chain; the batch fails so kafkajs fetches it again.
  if (failures.length > 0) throw failures[0];
}
