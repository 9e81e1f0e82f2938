/**
 * Runs Apache Avro Java's `SchemaCompatibility` (the harness in `java/`) over schema
 * pairs. The harness is built with Maven into `.cache/differential-java/` on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PROJECT = join(HERE, 'java');
const ROOT = join(HERE, '..', '..');
const OUT = join(ROOT, '.cache', 'differential-java');
const JAR = join(OUT, 'avro-compat-harness-1.0.0.jar');

export interface JavaResult {
  id: string;
  compatible?: boolean;
  incompatibilities?: { type: string; location: string; message: string }[];
  /** Set when Avro refused the pair (an exception while parsing or checking). */
  error?: string;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the harness unless an up-to-date jar is there. Needs `mvn` and a JDK 17+. */
export function buildHarness(): void {
  if (existsSync(JAR) && statSync(JAR).mtimeMs >= newestSource(PROJECT)) return;
  execFileSync('mvn', ['-q', '-B', 'package'], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Checks every pair with Apache Avro Java; results in input order. */
export function runJava(pairs: { id: string; reader: unknown; writer: unknown }[]): JavaResult[] {
  buildHarness();
  const input = pairs
    .map((p) => JSON.stringify({ id: p.id, reader: p.reader, writer: p.writer }))
    .join('\n');
  const classpath = [JAR, join(OUT, 'lib', '*')].join(':');
  const out = execFileSync('java', ['-cp', classpath, 'eventc.differential.Harness'], {
    input,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return out
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as JavaResult);
}
