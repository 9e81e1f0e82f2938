import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type WriterFs } from '../../../../generator/write/fs.js';
import { checkOutput, writeOutput, WriteError } from '../../../../generator/write/writer.js';

let base: string;
let out: string;

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else files[`${prefix}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return files;
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'eventc-writer-'));
  out = join(base, 'generated');
  mkdirSync(join(out, 'events'), { recursive: true });
  writeFileSync(join(out, 'events', 'A.ts'), 'old A');
  writeFileSync(join(out, 'events', 'Gone.ts'), 'stale');
  writeFileSync(join(out, 'keep.ts'), 'same');
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

const next = [
  { path: 'events/A.ts', content: 'new A' },
  { path: 'events/B.ts', content: 'new B' },
  { path: 'keep.ts', content: 'same' },
];

describe('writeOutput', () => {
  it('replaces the folder: writes changes, keeps unchanged files, prunes stale ones', async () => {
    const before = statSync(join(out, 'keep.ts'));
    const result = await writeOutput(out, next);
    expect(result).toEqual({
      written: ['events/A.ts', 'events/B.ts'],
      unchanged: ['keep.ts'],
      removed: ['events/Gone.ts'],
    });
    expect(snapshot(out)).toEqual({
      'events/A.ts': 'new A',
      'events/B.ts': 'new B',
      'keep.ts': 'same',
    });
    expect(statSync(join(out, 'keep.ts')).mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(base)).toEqual(['generated']);
  });

  it('touches nothing when nothing changed', async () => {
    await writeOutput(out, next);
    const before = statSync(join(out, 'events', 'A.ts'));
    const result = await writeOutput(out, next);
    expect(result.written).toEqual([]);
    expect(statSync(join(out, 'events', 'A.ts')).ino).toBe(before.ino);
  });

  it('creates a missing folder', async () => {
    rmSync(out, { recursive: true });
    await writeOutput(out, next);
    expect(Object.keys(snapshot(out))).toEqual(['events/A.ts', 'events/B.ts', 'keep.ts']);
  });

  it.each([1, 2])('leaves the old folder exactly as it was when write %i fails', async (failAt) => {
    const original = snapshot(out);
    let writes = 0;
    const failing: WriterFs = {
      ...nodeFs,
      writeFile: async (path, data) => {
        writes++;
        if (writes === failAt)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return nodeFs.writeFile(path, data);
      },
    };
    await expect(writeOutput(out, next, failing)).rejects.toThrow(WriteError);
    expect(snapshot(out)).toEqual(original);
    expect(readdirSync(base)).toEqual(['generated']);
  });

  it('puts the old folder back when the swap fails halfway', async () => {
    const original = snapshot(out);
    let renames = 0;
    const failing: WriterFs = {
      ...nodeFs,
      rename: async (from, to) => {
        renames++;
        if (renames === 2) throw new Error('EXDEV: rename failed');
        return nodeFs.rename(from, to);
      },
    };
    await expect(writeOutput(out, next, failing)).rejects.toThrow(/left unchanged/);
    expect(snapshot(out)).toEqual(original);
    expect(readdirSync(base)).toEqual(['generated']);
  });
});

describe('checkOutput', () => {
  it('lists stale, missing and extra files', async () => {
    expect(await checkOutput(out, next)).toEqual({
      stale: ['events/A.ts'],
      missing: ['events/B.ts'],
      extra: ['events/Gone.ts'],
    });
    await writeOutput(out, next);
    expect(await checkOutput(out, next)).toEqual({ stale: [], missing: [], extra: [] });
  });
});
