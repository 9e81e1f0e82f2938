/**
 * Every golden output type-checks under strict TypeScript (with `eventc/runtime` and `eventc/runtime/codegen` mapped to
 * the runtime's source), together with the must-not-compile cases in `types/`; and it is
 * lint clean under the project's eslint configuration.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from './harness.js';

const ROOT = join(GOLDEN_DIR, '..', '..');

describe('golden output', () => {
  it('type-checks under strict, and every @ts-expect-error is needed', () => {
    const dir = join(ROOT, '.cache', 'golden-tsc');
    mkdirSync(dir, { recursive: true });
    const config = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        exactOptionalPropertyTypes: false,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        paths: {
          'eventc/runtime': [join(ROOT, 'runtime', 'index.ts')],
          'eventc/runtime/codegen': [join(ROOT, 'runtime', 'codegen', 'index.ts')],
        },
      },
      include: [join(GOLDEN_DIR, '*', 'expected', '**', '*.ts'), join(GOLDEN_DIR, 'types', '*.ts')],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (err) {
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    // Runtime sources are compiled too; only problems in golden files count here.
    const golden = output.split('\n').filter((l) => l.includes('test/golden/'));
    expect(golden).toEqual([]);
  }, 120_000);

  it('is eslint clean with the project configuration', async () => {
    const eslint = new ESLint({ cwd: ROOT, ignore: false });
    const results = await eslint.lintFiles([join(GOLDEN_DIR, '*', 'expected', '**', '*.ts')]);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line}: ${m.ruleId}: ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
