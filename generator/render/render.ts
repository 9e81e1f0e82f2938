/**
 * Module model → TypeScript text: the header line, imports and blocks through the templates
 * (`templates.ts`), then formatted where a line is too long.
 */
import type { GeneratedFile, ModuleModel } from '../emit/model.js';
import { PRINT_WIDTH } from '../emit/const.js';
import { stringLiteral } from '../emit/names.js';
import { format } from './format.js';
import { header, renderBlock } from './templates.js';

/** One header line: the sources, with anything that could end the comment escaped. */
export function headerSources(sources: string[]): string {
  const text = sources.length > 0 ? sources.join(', ') : 'the manifest';
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The unformatted text of a module. */
export function renderText(module: ModuleModel): string {
  const head = header(
    headerSources(module.sources),
    module.imports.map((i) => ({ ...i, from: stringLiteral(i.from) })),
  );
  return `${head}\n${module.blocks.map(renderBlock).join('\n')}`;
}

const COMMENT_LINE = /^\s*(\/\/|\/\*\*|\*)/;
const STRING_LINE = /^\s*'.*';$/;

/**
 * Whether prettier must lay the text out: the templates already print what fits in the print
 * width as prettier does, so only a code line that is too long (comments and lone string
 * literals cannot be broken) or a service module (nested calls) needs it.
 */
export function needsFormatter(module: ModuleModel, text: string): boolean {
  if (module.blocks.some((b) => b.kind === 'service')) return true;
  // Line by line without splitting: only the few long lines are looked at.
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > PRINT_WIDTH) {
      const line = text.slice(start, end);
      if (!COMMENT_LINE.test(line) && !STRING_LINE.test(line)) return true;
    }
    start = end + 1;
  }
  return false;
}

export async function renderModule(module: ModuleModel): Promise<GeneratedFile> {
  const text = renderText(module);
  return { path: module.path, content: needsFormatter(module, text) ? await format(text) : text };
}
