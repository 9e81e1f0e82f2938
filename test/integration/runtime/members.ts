/**
 * Consumer group members as processes of their own (fixtures/group-member.mjs), started,
 * stopped with SIGTERM and killed with SIGKILL by the group tests, and the published and
 * handled events counted into lost and handled-twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresUrl } from '../../support/env.js';
import { BROKERS, REGISTRY_URL, until } from './helpers.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

export interface Member {
  name: string;
  process: ChildProcess;
  /** Standard error so far: the member's warnings as JSON lines. */
  stderr(): string;
}

const started: Member[] = [];

/**
 * Runs a fixture script of `fixtures/` (TypeScript imports allowed) against the stack, its
 * output collected: the child process, and its standard output and error so far.
 */
export function spawnFixture(
  script: string,
  env: Record<string, string>,
): { process: ChildProcess; stdout(): string; stderr(): string } {
  const child = spawn(
    process.execPath,
    ['--import', join(fixtures, 'register-ts.mjs'), join(fixtures, script)],
    {
      env: {
        ...process.env,
        ...env,
        EVENTC_BROKERS: BROKERS.join(','),
        EVENTC_REGISTRY_URL: REGISTRY_URL,
        EVENTC_POSTGRES_URL: postgresUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { process: child, stdout: () => stdout, stderr: () => stderr };
}

/** Starts a member and resolves once it joined the group and started consuming. */
export async function startMember(name: string, env: Record<string, string>): Promise<Member> {
  const child = spawnFixture('group-member.mjs', { ...env, EVENTC_TEST_MEMBER: name });
  const member: Member = { name, process: child.process, stderr: child.stderr };
  started.push(member);
  await until(
    `member ${name} to start`,
    () => child.stdout().includes('started') || exited(member),
    { timeoutMs: 60_000 },
  );
  if (exited(member)) throw new Error(`member ${name} exited during start: ${child.stderr()}`);
  return member;
}

export function exited(member: Member): boolean {
  return member.process.exitCode !== null || member.process.signalCode !== null;
}

/** SIGTERM, and the exit status once the member stopped. */
export async function stopMember(member: Member): Promise<number | null> {
  member.process.kill('SIGTERM');
  await until(`member ${member.name} to stop`, () => exited(member), { timeoutMs: 60_000 });
  return member.process.exitCode;
}

export async function killMember(member: Member): Promise<void> {
  member.process.kill('SIGKILL');
  await until(`member ${member.name} to die`, () => exited(member));
}

/** Kills whatever a test left running. */
export function killAll(): void {
  for (const m of started.splice(0)) if (!exited(m)) m.process.kill('SIGKILL');
}

/** The `id member` lines a memory-store member appended. */
export function handledLines(file: string): { id: string; member: string }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [id, member] = l.split(' ');
      return { id: id!, member: member! };
    });
}

export interface Tally {
  handled: number;
  lost: string[];
  twice: string[];
  byMember: Record<string, number>;
}

/** What was lost (published, never handled) and handled twice, and who handled how many. */
export function tally(
  published: readonly string[],
  handled: { id: string; member: string }[],
): Tally {
  const times = new Map<string, number>();
  const byMember: Record<string, number> = {};
  for (const h of handled) {
    times.set(h.id, (times.get(h.id) ?? 0) + 1);
    byMember[h.member] = (byMember[h.member] ?? 0) + 1;
  }
  return {
    handled: handled.length,
    lost: published.filter((id) => !times.has(id)),
    twice: [...times].filter(([, n]) => n > 1).map(([id]) => id),
    byMember,
  };
}
