/**
 * Module model → TypeScript text: the header line, imports and blocks through the
 * handlebars templates (compiled once, strict, known helpers only), then formatted.
 */
import type { Block, GeneratedFile, ModuleModel } from '../emit/model.js';
import { PRINT_WIDTH } from '../emit/const.js';
import { stringLiteral } from '../emit/names.js';
import { format } from './format.js';
import { loadHandlebars } from './tools.js';
import { TEMPLATES, type TemplateName } from './templates.js';

type Compiled = (context: object) => string;

let compiled: Record<TemplateName, Compiled> | undefined;

function templates(): Record<TemplateName, Compiled> {
  if (!compiled) {
    const hb = loadHandlebars().create();
    const entries = Object.entries(TEMPLATES).map(([name, source]) => [
      name,
      hb.compile(source, { strict: true, knownHelpersOnly: true, noEscape: true }),
    ]);
    compiled = Object.fromEntries(entries) as Record<TemplateName, Compiled>;
  }
  return compiled;
}

/** One header line: the sources, with anything that could end the comment escaped. */
export function headerSources(sources: string[]): string {
  const text = sources.length > 0 ? sources.join(', ') : 'the manifest';
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function renderBlock(block: Block): string {
  return templates()[block.kind](block);
}

/** The unformatted text of a module. */
export function renderText(module: ModuleModel): string {
  const t = templates();
  const head = t.header({
    sources: headerSources(module.sources),
    imports: module.imports.map((i) => ({ ...i, from: stringLiteral(i.from) })),
  });
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
  return text
    .split('\n')
    .some(
      (line) => line.length > PRINT_WIDTH && !COMMENT_LINE.test(line) && !STRING_LINE.test(line),
    );
}

export async function renderModule(module: ModuleModel): Promise<GeneratedFile> {
  const text = renderText(module);
  return { path: module.path, content: needsFormatter(module, text) ? await format(text) : text };
}
