/**
 * Formatting of generated code with prettier's API, in-process, with fixed options (the
 * project's house style), so output does not depend on the user's prettier configuration.
 */
import type { Options } from 'prettier';
import { loadPrettier } from './tools.js';

export const PRETTIER_OPTIONS: Options = {
  parser: 'typescript',
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
};

export async function format(text: string): Promise<string> {
  const prettier = await loadPrettier();
  return prettier.format(text, PRETTIER_OPTIONS);
}
