/** ENUM_DEFAULT: every enum has a default symbol. */
import type { LintRule } from '../types.js';
import { typeFinding } from '../types.js';

export const enumDefaultRule: LintRule = {
  id: 'ENUM_DEFAULT',
  purpose:
    'Every enum has a default symbol, so readers can read symbols added later and the enum can grow.',
  check: (ctx) =>
    ctx.types.flatMap((t) =>
      t.type.kind === 'enum' && t.type.default === undefined
        ? [
            typeFinding(
              'ENUM_DEFAULT',
              t,
              `enum "${t.type.name}" has no default symbol`,
              `add "default": "${t.type.symbols.includes('UNKNOWN') ? 'UNKNOWN' : t.type.symbols[0]}" (a symbol meaning "unknown" is best)`,
            ),
          ]
        : [],
    ),
};
