/**
 * Offset commits that never hold up handling: each partition's next offset to commit is
 * recorded as handling progresses, and one OffsetCommit request at a time carries whatever
 * is pending for all partitions. `flush()` waits until everything recorded is committed (or
 * failed), which a stop does before leaving the group.
 */
import type { OffsetsByTopicPartition } from 'kafkajs';

export type CommitFn = (offsets: OffsetsByTopicPartition) => Promise<void>;

export class CommitQueue {
  private pending = new Map<string, { topic: string; partition: number; offset: string }>();
  private inFlight?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lastSent = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly minIntervalMs: number,
    private readonly onError: (err: unknown, offsets: OffsetsByTopicPartition) => void,
  ) {}

  /** Records that everything before `offset` on `topic`/`partition` is done; commits soon. */
  mark(commit: CommitFn, topic: string, partition: number, offset: string): void {
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset });
    this.commitFn = commit;
    this.schedule();
  }

  /** Resolves once every recorded offset was sent and answered. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.send();
    }
    if (this.pending.size === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private commitFn?: CommitFn;

  private schedule(): void {
    if (this.inFlight || this.timer) return;
    const wait = this.lastSent + this.minIntervalMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.send();
      }, wait);
    } else {
      this.send();
    }
  }

  private send(): void {
    const commit = this.commitFn;
    if (this.inFlight || this.pending.size === 0 || !commit) {
      if (!this.inFlight && this.pending.size === 0) this.notifyIdle();
      return;
    }
    const byTopic = new Map<string, { partition: number; offset: string }[]>();
    for (const { topic, partition, offset } of this.pending.values()) {
      let list = byTopic.get(topic);
      if (!list) byTopic.set(topic, (list = []));
      list.push({ partition, offset });
    }
    this.pending.clear();
    const offsets: OffsetsByTopicPartition = {
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    };
    this.lastSent = Date.now();
    this.inFlight = commit(offsets)
      .catch((err: unknown) => this.onError(err, offsets))
      .finally(() => {
        this.inFlight = undefined;
        if (this.pending.size > 0) this.schedule();
        else this.notifyIdle();
      });
  }

  private notifyIdle(): void {
    if (this.timer) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}
