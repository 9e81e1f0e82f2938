/**
 * Formatting of generated code with prettier's API, in-process, with fixed options (the
 * project's house style), so output does not depend on the user's prettier configuration.
 */
import * as prettier from 'prettier';

export const PRETTIER_OPTIONS: prettier.Options = {
  parser: 'typescript',
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
};

export async function format(text: string): Promise<string> {
  return prettier.format(text, PRETTIER_OPTIONS);
}
