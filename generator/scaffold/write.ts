/**
 * Writes the scaffold files that do not exist yet, and only those: each is written to a
 * temporary file and linked into place, which fails instead of replacing a file that
 * appeared meanwhile. Returns one message per file written, saying what to do next.
 */
import { join } from 'node:path';
import { createFile } from '../write/single.js';
import type { ScaffoldFile } from './scaffold.js';

export async function writeScaffolds(
  root: string,
  files: readonly ScaffoldFile[],
): Promise<string[]> {
  const messages: string[] = [];
  const created = new Set<string>();
  for (const file of files) {
    if (!(await createFile(join(root, file.path), file.content))) continue;
    created.add(`${file.service}:${file.role}`);
    messages.push(describe(file, created));
  }
  return messages;
}

function describe(file: ScaffoldFile, created: ReadonlySet<string>): string {
  if (file.role === 'main') return `wrote ${file.path} (entry point of service "${file.service}")`;
  if (file.role === 'handlers') return `wrote ${file.path} (handlers of service "${file.service}")`;
  const handlersPath = file.path.replace(/[^/]+$/, 'handlers.ts');
  if (created.has(`${file.service}:handlers`)) {
    return `wrote ${file.path} (stub of ${file.method}: it throws until you implement it)`;
  }
  return `wrote ${file.path} (new handler stub): add ${file.method} to ${handlersPath}`;
}
