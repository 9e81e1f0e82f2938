/**
 * Stops and starts one component of the shared test stack (started by `infra/stack up`) with
 * the stack script's own functions, pid files and lock, for the tests that prove the runtime
 * survives a broker restart or a registry outage. Those tests are opt-in
 * (`EVENTC_DISRUPTIVE_TESTS=1`, see `npm run test:disruptive`) because every other user of the
 * stack sees the outage too; each restores what it stopped.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const stackHome = fileURLToPath(new URL('../../../../infra', import.meta.url));

export const disruptiveEnabled = process.env.EVENTC_DISRUPTIVE_TESTS === '1';

type Component = 'kafka' | 'registry';

async function stack(fn: `${Component}_${'up' | 'down'}`): Promise<string> {
  const script = [
    'set -euo pipefail',
    `STACK_HOME=${JSON.stringify(stackHome.replace(/\/$/, ''))}`,
    'for lib in common java kafka registry; do source "$STACK_HOME/lib/$lib.sh"; done',
    'with_lock',
    fn,
  ].join('\n');
  const { stdout, stderr } = await run('bash', ['-c', script], { timeout: 300_000 });
  return stdout + stderr;
}

export const stopKafka = () => stack('kafka_down');
export const startKafka = () => stack('kafka_up');
export const stopRegistry = () => stack('registry_down');
export const startRegistry = () => stack('registry_up');

const registryPidFile = fileURLToPath(
  new URL('../../../../.stack/registry/registry.pid', import.meta.url),
);

/** The registry's JVM stopped with SIGSTOP: its port still accepts connections, nothing answers. */
export function freezeRegistry(): void {
  process.kill(Number(readFileSync(registryPidFile, 'utf8').trim()), 'SIGSTOP');
}

export function thawRegistry(): void {
  process.kill(Number(readFileSync(registryPidFile, 'utf8').trim()), 'SIGCONT');
}
