/**
 * Running one fetched batch of one partition: messages with the same key are handled in
 * order, up to `concurrency` keys at once; the offset committed is always the one after the
 * longest run of finished messages from the start, so no message is ever skipped.
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Limiter } from './limiter.js';
import type { Outcome } from './processor.js';

export interface BatchDeps {
  concurrency: number;
  limiter: Limiter;
  /** Commit at least this often within a long batch, in ms. */
  commitIntervalMs: number;
  process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome>;
  /** Whether new messages may still be started. */
  accepting(): boolean;
  onLag(topic: string, partition: number, lag: number): void;
  onCommitError(err: unknown, topic: string, partition: number, offset: string): void;
}

/** Tracks finished offsets and the contiguous prefix of them. */
class Watermark {
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
  get prefix(): number {
    return this.next - 1;
  }
}

export async function runBatch(payload: EachBatchPayload, deps: BatchDeps): Promise<void> {
  const { batch } = payload;
  const { topic, partition, messages } = batch;
  deps.onLag(topic, partition, Number(batch.offsetLag()));
  const mark = new Watermark(messages.length);
  let resolved = -1;
  let committedAt = Date.now();
  let committing: Promise<void> = Promise.resolve();

  const commit = (upTo: number): Promise<void> => {
    const offset = (BigInt(messages[upTo]!.offset) + 1n).toString();
    committing = committing
      .then(() =>
        payload.commitOffsetsIfNecessary({
          topics: [{ topic, partitions: [{ partition, offset }] }],
        }),
      )
      .catch((err: unknown) => deps.onCommitError(err, topic, partition, offset));
    committedAt = Date.now();
    return committing;
  };

  const finished = (i: number, outcome: Outcome): void => {
    if (outcome === 'aborted') return;
    const upTo = mark.finish(i);
    if (upTo > resolved) {
      resolved = upTo;
      payload.resolveOffset(messages[upTo]!.offset);
      if (Date.now() - committedAt >= deps.commitIntervalMs) {
        void commit(upTo);
        void payload.heartbeat().catch(() => undefined);
      }
    }
  };

  const runOne = async (i: number): Promise<void> => {
    const release = await deps.limiter.acquire();
    try {
      finished(i, await deps.process(topic, partition, messages[i]!));
    } finally {
      release();
    }
  };

  if (deps.concurrency <= 1) {
    for (let i = 0; i < messages.length; i++) {
      if (!deps.accepting() || !payload.isRunning() || payload.isStale()) break;
      await runOne(i);
    }
  } else {
    await runByKey(messages, deps, payload, runOne);
  }
  await committing;
  if (resolved >= 0) await commit(resolved);
}

/** Per-key chains, at most `concurrency` messages of this partition in flight. */
async function runByKey(
  messages: KafkaMessage[],
  deps: BatchDeps,
  payload: EachBatchPayload,
  runOne: (i: number) => Promise<void>,
): Promise<void> {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  for (let i = 0; i < messages.length; i++) {
    while (running.size >= deps.concurrency) await Promise.race(running).catch(() => undefined);
    if (failures.length > 0 || !deps.accepting() || !payload.isRunning() || payload.isStale())
      break;
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

  function settle(task: Promise<void>, key: string): void {
    running.delete(task);
    if (tails.get(key) === task) tails.delete(key);
  }
}
