// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The code generator's tools are optional dependencies, loaded by `render/tools.ts` only
 * when code is generated; elsewhere only their types may be imported.
 */
const GENERATOR_TOOLS = ['prettier'].map((name) => ({
  name,
  allowTypeImports: true,
  message: 'load it with render/tools.ts: it is an optional dependency, not there in production',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.cache/',
      '.stack/',
      'test/golden/**/expected/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
    },
  },
  // The boundaries between the stages (docs/architecture.md). An import across one is an error.
  restrict(['runtime/**/*.ts'], {
    paths: ['prettier', 'yaml', 'yargs'].map((name) => ({
      name,
      message: 'the runtime needs nothing only the generator uses: services install it alone',
    })),
    patterns: [
      {
        group: ['**/generator', '**/generator/**'],
        message:
          'the runtime never imports the generator: services install it without the compiler',
      },
    ],
  }),
  restrict(['generated/**/*.ts', 'test/golden/*/expected/**/*.ts'], {
    paths: ['kafkajs', 'avsc', 'eventc/runtime', 'eventc/runtime/postgres'].map((name) => ({
      name,
      message: 'generated code imports only eventc/runtime/codegen and its own modules',
    })),
  }),
  restrict(['generator/**/*.ts'], { paths: GENERATOR_TOOLS }, ['generator/render/tools.ts']),
  restrict(['generator/model/**/*.ts'], {
    paths: GENERATOR_TOOLS,
    patterns: [
      {
        group: ['../*/*'],
        message: 'model/ is the bottom of the pipeline: it imports no other stage',
      },
    ],
  }),
  restrict(
    ['generator/load/**/*.ts'],
    stages('load', ['emit', 'render', 'write', 'compat', 'registry', 'report', 'lint', 'cli']),
  ),
  restrict(
    ['generator/compat/**/*.ts'],
    stages('compat', ['emit', 'render', 'write', 'registry', 'lint', 'cli']),
  ),
  restrict(
    ['generator/report/**/*.ts'],
    stages('report', ['emit', 'render', 'write', 'compat', 'registry', 'lint', 'cli']),
  ),
  restrict(
    ['generator/emit/**/*.ts'],
    stages('emit', ['load', 'render', 'write', 'compat', 'registry', 'report', 'lint', 'cli']),
  ),
);

/** A `no-restricted-imports` error for these files (one such rule per file: they replace). */
function restrict(files, options, ignores = []) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', options] } };
}

/** The generator's stages that `stage` must not import, each as a pattern with a message. */
function stages(stage, forbidden) {
  return {
    paths: GENERATOR_TOOLS,
    patterns: forbidden.map((other) => ({
      group: [`**/${other}/*`],
      message: `${stage}/ must not import ${other}/: see the stages in docs/architecture.md`,
    })),
  };
}
