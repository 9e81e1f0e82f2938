import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Publisher } from 'eventc/runtime';
import { client, createTopic, pingEvent, unique, until, type PingV1 } from './helpers.js';
import { spawnFixture } from './members.js';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startConsumer(env: Record<string, string>): ChildProcess {
  const { process: child, stderr } = spawnFixture('crash-consumer.mjs', env);
  child.on('exit', (code) => {
    if (code !== null && code !== 0)
      process.stderr.write(`crash-consumer exited ${code}: ${stderr()}\n`);
  });
  children.push(child);
  return child;
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

describe('a consumer process killed mid-stream', () => {
  it('loses no event: a restarted consumer handles everything not committed before the kill', async () => {
    const topic = unique('crash');
    await createTopic(topic, 2);
    const event = await pingEvent(topic);
    const c = client();
    const publisher = new Publisher<PingV1>(c, event.versions[0]!);
    await c.connect();
    const ids = Array.from({ length: 3000 }, (_, i) => `c-${i}`);
    for (let i = 0; i < ids.length; i += 500) {
      await publisher.publishBatch(
        ids.slice(i, i + 500).map((id, k) => ({ id, n: i + k, note: null })),
      );
    }
    await c.close();

    const dir = mkdtempSync(join(tmpdir(), 'eventc-crash-'));
    const env = {
      EVENTC_TEST_TOPIC: topic,
      EVENTC_TEST_GROUP: unique('crash-group'),
      EVENTC_TEST_SCHEMA: event.versions[0]!.schema,
      EVENTC_TEST_DELAY_MS: '1',
    };
    const first = join(dir, 'first.txt');
    const victim = startConsumer({ ...env, EVENTC_TEST_OUT: first });
    await until('the first consumer to handle 300 events', () => lines(first).length >= 300, {
      timeoutMs: 90_000,
      state: () => lines(first).length,
    });
    victim.kill('SIGKILL');
    await until('the first consumer to die', () => victim.signalCode === 'SIGKILL');
    const handledBeforeKill = new Set(lines(first));
    expect(handledBeforeKill.size).toBeLessThan(ids.length); // killed mid-stream, not after the end

    const second = join(dir, 'second.txt');
    const survivor = startConsumer({ ...env, EVENTC_TEST_OUT: second });
    const union = () => new Set([...handledBeforeKill, ...lines(second)]);
    await until(
      'every event handled by one of the two processes',
      () => union().size === ids.length,
      {
        timeoutMs: 120_000,
        state: () => ({ first: handledBeforeKill.size, second: lines(second).length }),
      },
    );
    survivor.kill('SIGTERM');
    await until('the second consumer to stop gracefully', () => survivor.exitCode !== null, {
      timeoutMs: 60_000,
    });
    expect(survivor.exitCode).toBe(0);

    expect([...union()].sort()).toEqual([...ids].sort());
    // At-least-once: what the second process handled again is at most what was uncommitted at the kill.
    const replayed = lines(second).filter((id) => handledBeforeKill.has(id));
    expect(replayed.length).toBeLessThan(handledBeforeKill.size);
    expect(new Set(lines(second)).size).toBe(lines(second).length);
  });
});
