/** `const` declarations, laid out as prettier would: the value on its own line when it is long. */
import type { ConstBlock } from './model.js';

export const PRINT_WIDTH = 100;

export function constBlock(exported: boolean, name: string, value: string): ConstBlock {
  const oneLine = `${exported ? 'export ' : ''}const ${name} = ${value};`;
  return {
    kind: 'const',
    docLines: [],
    exported,
    name,
    value,
    breakAfterEquals: oneLine.length > PRINT_WIDTH,
  };
}
