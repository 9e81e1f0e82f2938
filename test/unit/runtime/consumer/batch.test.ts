import type { EachBatchPayload, KafkaMessage, OffsetsByTopicPartition } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { DETACH_AFTER_MS, Watermark, runBatch } from '../../../../runtime/consumer/batch.js';
import { CommitQueue } from '../../../../runtime/consumer/commits.js';
import { Limiter } from '../../../../runtime/consumer/limiter.js';
import type { Outcome } from '../../../../runtime/consumer/processor.js';

function message(offset: number, key: string | null): KafkaMessage {
  return {
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from('x'),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  } as KafkaMessage;
}

/** An in-process stand-in for kafkajs' eachBatch payload, recording resolves and commits. */
function payload(messages: KafkaMessage[]) {
  const resolved: string[] = [];
  const commits: OffsetsByTopicPartition[] = [];
  const p = {
    batch: { topic: 't', partition: 3, messages, offsetLag: () => '0' },
    resolveOffset: (o: string) => void resolved.push(o),
    commitOffsetsIfNecessary: async (o?: OffsetsByTopicPartition) => void commits.push(o!),
    heartbeat: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { p, resolved, commits };
}

function deps(
  process: (m: KafkaMessage) => Promise<Outcome>,
  concurrency = 1,
  accepting = () => true,
) {
  const commits = new CommitQueue(0, (err) => {
    throw err;
  });
  const rebalances: string[] = [];
  return {
    commits,
    deps: {
      concurrency,
      limiter: new Limiter(100),
      commits,
      process: (_t: string, _p: number, m: KafkaMessage) => process(m),
      accepting,
      onLag: () => undefined,
      onRebalance: (_t: string, _p: number, reason: string) => void rebalances.push(reason),
    },
    rebalances,
  };
}

const committedOffset = (commits: OffsetsByTopicPartition[]) =>
  commits.at(-1)?.topics[0]?.partitions[0]?.offset;
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('runBatch', () => {
  it('handles in order and commits the offset after the last message', async () => {
    const seen: string[] = [];
    const { p, resolved, commits } = payload([0, 1, 2].map((o) => message(o + 10, 'k')));
    const d = deps(async (m) => (seen.push(m.offset), 'handled'));
    await runBatch(p, d.deps);
    await d.commits.flush();
    expect(seen).toEqual(['10', '11', '12']);
    expect(resolved.at(-1)).toBe('12');
    expect(committedOffset(commits)).toBe('13');
    expect(commits[0]!.topics[0]!.topic).toBe('t');
    expect(commits[0]!.topics[0]!.partitions[0]!.partition).toBe(3);
  });

  it('never commits past a message that did not finish (aborted on stop)', async () => {
    const { p, commits } = payload([0, 1, 2, 3].map((o) => message(o, `k${o}`)));
    const d = deps(async (m) => (m.offset === '2' ? 'aborted' : 'handled'), 4);
    await runBatch(p, d.deps);
    await d.commits.flush();
    expect(committedOffset(commits)).toBe('2'); // 0 and 1 done; 2 must be handled again
  });

  it('stops starting messages when no longer accepting', async () => {
    let accepting = true;
    const seen: string[] = [];
    const { p, commits } = payload([0, 1, 2].map((o) => message(o, 'k')));
    const d = deps(
      async (m) => {
        seen.push(m.offset);
        accepting = false;
        return 'handled';
      },
      1,
      () => accepting,
    );
    await runBatch(p, d.deps);
    await d.commits.flush();
    expect(seen).toEqual(['0']);
    expect(committedOffset(commits)).toBe('1');
  });

  it('keeps the order per key and runs different keys concurrently, up to the limit', async () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'a', 'd', 'c'];
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const { p, commits } = payload(keys.map((k, i) => message(i, k)));
    const d = deps(async (m) => {
      running++;
      peak = Math.max(peak, running);
      await tick(m.key!.toString() === 'a' ? 5 : 1);
      order.push(`${m.key!.toString()}${m.offset}`);
      running--;
      return 'handled';
    }, 3);
    await runBatch(p, d.deps);
    await d.commits.flush();
    const of = (k: string) => order.filter((x) => x.startsWith(k));
    expect(of('a')).toEqual(['a0', 'a2', 'a5']);
    expect(of('b')).toEqual(['b1', 'b4']);
    expect(of('c')).toEqual(['c3', 'c7']);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(3);
    expect(committedOffset(commits)).toBe('8');
  });

  it('fails the batch when processing throws, without committing past the failure', async () => {
    const { p, commits } = payload([0, 1, 2].map((o) => message(o, 'k')));
    const d = deps(async (m) => {
      if (m.offset === '1') throw new Error('store down for good');
      return 'handled';
    });
    await expect(runBatch(p, d.deps)).rejects.toThrow('store down for good');
    await d.commits.flush();
    expect(committedOffset(commits)).toBe('1');
  });
});

describe('Watermark', () => {
  it('reports the end of the finished prefix', () => {
    const w = new Watermark(4);
    expect(w.finish(1)).toBe(-1);
    expect(w.finish(0)).toBe(1);
    expect(w.finish(3)).toBe(1);
    expect(w.finish(2)).toBe(3);
  });
});

describe('CommitQueue', () => {
  it('coalesces marks into one request per partition at a time, with the latest offset', async () => {
    const sent: OffsetsByTopicPartition[] = [];
    let release!: () => void;
    const commit = (o: OffsetsByTopicPartition) => {
      sent.push(o);
      return new Promise<void>((r) => (release = r));
    };
    const q = new CommitQueue(0, () => undefined);
    q.mark(commit, 't', 0, '5');
    q.mark(commit, 't', 0, '6');
    q.mark(commit, 't', 1, '9');
    q.mark(commit, 'u', 0, '1');
    expect(sent).toHaveLength(1); // one in flight
    const flushed = q.flush();
    release();
    await tick();
    release();
    await flushed;
    expect(sent).toHaveLength(2);
    expect(sent[1]!.topics).toEqual([
      {
        topic: 't',
        partitions: [
          { partition: 0, offset: '6' },
          { partition: 1, offset: '9' },
        ],
      },
      { topic: 'u', partitions: [{ partition: 0, offset: '1' }] },
    ]);
  });

  it('reports a failed commit and goes on', async () => {
    const errors: unknown[] = [];
    const q = new CommitQueue(0, (err) => void errors.push(err));
    q.mark(() => Promise.reject(new Error('rebalancing')), 't', 0, '1');
    await q.flush();
    expect(errors).toHaveLength(1);
  });
});

describe('Limiter (back-pressure)', () => {
  it('pauses at the limit and resumes at half', async () => {
    const events: string[] = [];
    const l = new Limiter(4, {
      onSaturated: () => events.push('pause'),
      onDrained: () => events.push('resume'),
    });
    for (let i = 0; i < 4; i++) await l.wait();
    expect(events).toEqual(['pause']);
    expect(l.take()).toBe(false);
    const waiting = l.wait();
    l.give(); // passes the slot to the waiter
    await waiting;
    expect(l.inFlight).toBe(4);
    l.give();
    expect(events).toEqual(['pause']);
    l.give();
    expect(events).toEqual(['pause', 'resume']);
    expect(l.inFlight).toBe(2);
  });

  it('heartbeats while a handler is slow', async () => {
    let beats = 0;
    const { p } = payload([message(0, 'a')]);
    (p as { heartbeat: () => Promise<void> }).heartbeat = async () => void beats++;
    const d = deps(async () => (await tick(2300), 'handled'));
    await runBatch(p, d.deps);
    // Once a second while the handler ran, and once with the progress at the end.
    expect(beats).toBeGreaterThanOrEqual(3);
  });

  it('starts no more messages once a heartbeat says the group rebalances, and commits what was handled first', async () => {
    const seen: string[] = [];
    const { p, commits } = payload([0, 1, 2, 3].map((o) => message(o, 'k')));
    let rebalance = false;
    (p as { heartbeat: () => Promise<void> }).heartbeat = async () => {
      if (rebalance)
        throw Object.assign(new Error('The group is rebalancing'), {
          type: 'REBALANCE_IN_PROGRESS',
        });
    };
    const d = deps(async (m) => {
      seen.push(m.offset);
      if (m.offset === '1') {
        rebalance = true;
        await tick(1200); // a heartbeat goes out meanwhile and learns of the rebalance
      }
      return 'handled';
    });
    await runBatch(p, d.deps);
    expect(seen).toEqual(['0', '1']);
    expect(d.rebalances).toEqual(['REBALANCE_IN_PROGRESS']);
    // Committed before runBatch returned: nothing of 0 and 1 is handled again by the next owner.
    expect(committedOffset(commits)).toBe('2');
  });

  it('commits what was handled before returning when cut short by a rebalance another batch saw', async () => {
    let accepting = true;
    const { p, commits } = payload([0, 1, 2].map((o) => message(o, 'k')));
    // The broker answers a commit a little later than it is sent.
    (p as { commitOffsetsIfNecessary: unknown }).commitOffsetsIfNecessary = async (
      o: OffsetsByTopicPartition,
    ) => {
      await tick(20);
      commits.push(o);
    };
    const d = deps(
      async () => {
        accepting = false; // the consumer is rejoining: another batch's heartbeat said so
        return 'handled';
      },
      1,
      () => accepting,
    );
    await runBatch(p, d.deps);
    expect(committedOffset(commits)).toBe('1');
  });

  it('sets a stalled batch aside: pauses its partition, returns, and finishes in the background', async () => {
    vi.useFakeTimers();
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { p, commits } = payload([0, 1, 2].map((o) => message(o, 'k')));
      let paused = 0;
      let resumed = 0;
      (p as { pause: () => () => void }).pause = () => {
        paused++;
        return () => void resumed++;
      };
      const seen: string[] = [];
      const d = deps(async (m) => {
        seen.push(m.offset);
        if (m.offset === '1') await gate; // a hung handler
        return 'handled';
      });
      let rest: Promise<void> | undefined;
      const detach = (_t: string, _p: number, r: Promise<void>) => void (rest = r);
      const run = runBatch(p, { ...d.deps, detach });
      await vi.advanceTimersByTimeAsync(DETACH_AFTER_MS + 1000);
      await run; // returned while message 1 still runs: kafkajs goes on with other partitions
      expect(paused).toBe(1);
      expect(resumed).toBe(0);
      expect(committedOffset(commits)).toBe('1');
      release();
      await rest;
      expect(resumed).toBe(1);
      // Message 2 never started here: after the resume kafkajs fetches it again.
      expect(seen).toEqual(['0', '1']);
      expect(committedOffset(commits)).toBe('2');
    } finally {
      vi.useRealTimers();
    }
  });
});
