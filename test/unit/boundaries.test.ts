/**
 * The import boundaries between the stages (eslint.config.js, docs/architecture.md): each
 * forbidden import is an eslint error in the project's own configuration.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function restricted(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    [
      'runtime/consumer/x.ts',
      "import { main } from '../../generator/cli/main.js';",
      'never imports the generator',
    ],
    ['generated/events/X.ts', "import { Kafka } from 'kafkajs';", 'eventc/runtime/codegen'],
    [
      'generated/services/x.ts',
      "import { runService } from 'eventc/runtime';",
      'eventc/runtime/codegen',
    ],
    [
      'generator/load/x.ts',
      "import { emitEvent } from '../emit/modules/event.js';",
      'load/ must not import emit/',
    ],
    [
      'generator/model/x.ts',
      "import { parseSchema } from '../load/index.js';",
      'imports no other stage',
    ],
    [
      'generator/compat/x.ts',
      "import { RegistryClient } from '../registry/client.js';",
      'compat/ must not import registry/',
    ],
    [
      'generator/report/x.ts',
      "import type { Incompatibility } from '../compat/types.js';",
      'report/ must not import compat/',
    ],
    [
      'generator/emit/kinds/x.ts',
      "import { registerContract } from '../../registry/register.js';",
      'emit/ must not import registry/',
    ],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restricted(file, `${code}\nexport const used = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it('allows the imports the pipeline runs on', async () => {
    expect(
      await restricted(
        'generated/events/X.ts',
        "import { avroType } from 'eventc/runtime/codegen';",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'generator/registry/x.ts',
        "import { checkNewVersion } from '../compat/levels.js';",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'generator/emit/modules/x.ts',
        "import { subjectName } from '../../model/subject.js';",
      ),
    ).toEqual([]);
  });
});
