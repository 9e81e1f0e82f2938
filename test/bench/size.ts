/**
 * Installed size: what a service's production `node_modules` weighs with eventc in it. eventc
 * is packed and installed into a fresh project twice: as a service image installs it
 * (`npm ci --omit=dev --omit=optional`, the generated Dockerfile's production stage), and as a
 * developer's machine does (everything, with the generator's formatter, prettier). Sizes are the bytes
 * of the files on disk, counted once.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './table.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const MB = 1024 * 1024;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Bytes of regular files below `dir`, and the number of packages (folders with a package.json). */
function measure(dir: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        bytes += lstatSync(path).size;
        if (entry.name === 'package.json' && /node_modules[/\\](@[^/\\]+[/\\])?[^/\\]+$/.test(d))
          packages += 1;
      }
    }
  };
  walk(dir);
  return { bytes, packages };
}

function install(work: string, tarball: string, name: string, flags: string[]) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name,
      version: '1.0.0',
      type: 'module',
      dependencies: { eventc: `file:${tarball}` },
    }),
  );
  npm(['install', '--prefer-offline', ...flags], dir);
  const modules = join(dir, 'node_modules');
  const tools = ['prettier'].filter((t) => existsSync(join(modules, t)));
  return { ...measure(modules), tools };
}

export const suite: BenchSuite = {
  area: 'size',
  async run(): Promise<BenchRow[]> {
    const work = mkdtempSync(join(tmpdir(), 'eventc-size-'));
    try {
      const packed = npm(['pack', '--json', '--pack-destination', work], REPO);
      const tarball = join(work, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
      const prod = install(work, tarball, 'service', ['--omit=dev', '--omit=optional']);
      const full = install(work, tarball, 'developer', []);
      return [
        {
          area: 'size',
          case: 'service production node_modules (--omit=dev --omit=optional)',
          value: Math.round((prod.bytes / MB) * 10) / 10,
          unit: 'MB',
          note: `${prod.packages} packages; prettier installed: ${prod.tools.length > 0 ? 'yes' : 'no'}`,
        },
        {
          area: 'size',
          case: "developer node_modules (with the generator's formatter)",
          value: Math.round((full.bytes / MB) * 10) / 10,
          unit: 'MB',
          note: `${full.packages} packages; the service install is ${Math.round((prod.bytes / full.bytes) * 100)}% of it`,
        },
      ];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
