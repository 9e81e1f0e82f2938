/**
 * What `eventc up` starts: one process per service of the manifest, from the compiled
 * entry point `dist/services/<name>/main.js`, each on its own health/metrics port
 * (consecutive from the base port, so they do not clash on one machine).
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EventcError } from '../errors.js';
import type { Contract } from '../model/contract.js';
import type { ProcessSpec } from './supervisor.js';

export interface UpOptions {
  /** Only these services, in this order (all, in manifest order, when empty). */
  only: string[];
  /** First health/metrics port; the services get consecutive ones, in the order started. */
  basePort: number;
  env: Record<string, string | undefined>;
}

export function planServices(
  contract: Pick<Contract, 'root' | 'services'>,
  options: UpOptions,
): ProcessSpec[] {
  const names = contract.services.map((s) => s.name);
  const unknown = options.only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new EventcError(
      `no service named ${unknown.map((n) => `"${n}"`).join(', ')} in the manifest; services: ${names.join(', ')}`,
    );
  }
  const chosen = options.only.length > 0 ? [...new Set(options.only)] : names;
  if (chosen.length === 0) throw new EventcError('the manifest declares no services to start');
  return chosen.map((name, i) => {
    const entry = join(contract.root, 'dist', 'services', name, 'main.js');
    if (!existsSync(entry)) {
      throw new EventcError(
        `${relative(contract.root, entry)} does not exist: build the services first (npm run build)`,
      );
    }
    return {
      name,
      command: process.execPath,
      args: ['--enable-source-maps', entry],
      cwd: contract.root,
      env: {
        ...options.env,
        EVENTC_HTTP_PORT: String(options.basePort + i),
      },
    };
  });
}
