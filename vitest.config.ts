import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const runtimeEntry = fileURLToPath(new URL('./runtime/index.ts', import.meta.url));
const codegenEntry = fileURLToPath(new URL('./runtime/codegen/index.ts', import.meta.url));
const postgresEntry = fileURLToPath(new URL('./runtime/postgres/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    // The longer specifier first: an alias also matches a specifier it is a prefix of.
    alias: [
      { find: /^eventc\/runtime\/postgres$/, replacement: postgresEntry },
      { find: /^eventc\/runtime\/codegen$/, replacement: codegenEntry },
      { find: /^eventc\/runtime$/, replacement: runtimeEntry },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/golden/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
