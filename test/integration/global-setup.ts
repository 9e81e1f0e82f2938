/**
 * vitest globalSetup for the integration project: makes sure a broker, a registry and
 * PostgreSQL answer. When one does not and the addresses are the local defaults, starts the
 * local stack (`bash infra/stack up`, which starts only what is missing) and stops it again
 * after the run when none of it was running; a stack that was already running is left alone.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_BROKERS,
  DEFAULT_POSTGRES_URL,
  DEFAULT_REGISTRY_URL,
  postgresUrl,
  stackEnv,
} from '../support/env.js';

const stackScript = fileURLToPath(new URL('../../infra/stack', import.meta.url));

export class StackUnavailableError extends Error {
  override readonly name = 'StackUnavailableError';
  constructor(
    message: string,
    readonly brokers: readonly string[],
    readonly registryUrl: string,
  ) {
    super(message);
  }
}

function tcpReachable(address: string, timeoutMs = 2_000): Promise<boolean> {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(at + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

async function registryReachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(5_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

function runStack(command: 'up' | 'down'): void {
  const result = spawnSync('bash', [stackScript, command], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new StackUnavailableError(
      `bash infra/stack ${command} failed (exit ${result.status ?? result.signal}); see its output above`,
      stackEnv().brokers,
      stackEnv().registryUrl,
    );
  }
}

export default async function setup(): Promise<(() => void) | undefined> {
  const { brokers, registryUrl } = stackEnv();
  const kafkaUp = await tcpReachable(brokers[0] ?? DEFAULT_BROKERS);
  const registryUp = await registryReachable(registryUrl);
  const postgres = new URL(postgresUrl);
  const postgresUp = await tcpReachable(`${postgres.hostname}:${postgres.port || 5432}`);
  if (kafkaUp && registryUp && postgresUp) return undefined;

  const isLocal =
    brokers.join(',') === DEFAULT_BROKERS &&
    registryUrl === DEFAULT_REGISTRY_URL &&
    postgresUrl === DEFAULT_POSTGRES_URL;
  if (!isLocal) {
    const state = (up: boolean) => (up ? 'up' : 'down');
    throw new StackUnavailableError(
      `integration tests need a broker at ${brokers.join(',')} (${state(kafkaUp)}), a registry at ${registryUrl} (${state(registryUp)}) and PostgreSQL at ${postgresUrl} (${state(postgresUp)}); ` +
        'unset EVENTC_BROKERS, EVENTC_REGISTRY_URL and EVENTC_POSTGRES_URL to use the local stack',
      brokers,
      registryUrl,
    );
  }
  runStack('up');
  // Stop only what this run started; a half-running stack was someone else's.
  return kafkaUp || registryUp || postgresUp ? undefined : () => runStack('down');
}
