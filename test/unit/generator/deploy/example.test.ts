import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployArtifacts } from '../../../../generator/deploy/index.js';
import { loadContract } from '../../../../generator/load/index.js';
import { checkOutput } from '../../../../generator/write/writer.js';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('deploy/ of the example project', () => {
  it("is what 'eventc deploy' writes (run it after changing eventc.yaml)", async () => {
    const contract = await loadContract(root);
    const files = deployArtifacts(contract).map((f) => ({
      path: f.path.slice('deploy/'.length),
      content: f.content,
    }));
    expect(files.some((f) => f.path === 'order/Dockerfile')).toBe(true);
    expect(await checkOutput(path.join(root, 'deploy'), files)).toEqual({
      stale: [],
      missing: [],
      extra: [],
    });
  });
});
