/** Naming conventions: PascalCase types, camelCase fields, UPPER_SNAKE_CASE enum symbols. */
import type { Finding } from '../../report/finding.js';
import type { LintRule } from '../types.js';
import { records, typeFinding } from '../types.js';

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export const typeNameRule: LintRule = {
  id: 'TYPE_NAME_PASCAL_CASE',
  purpose: 'Record, enum and fixed names are PascalCase, e.g. OrderCreated.',
  check: (ctx) =>
    ctx.types
      .filter((t) => !PASCAL.test(t.type.shortName))
      .map((t) =>
        typeFinding(
          'TYPE_NAME_PASCAL_CASE',
          t,
          `${t.type.kind} name "${t.type.shortName}" is not PascalCase`,
          `rename it, e.g. "${pascal(t.type.shortName)}", with an alias "${t.type.name}" if published`,
        ),
      ),
};

export const fieldNameRule: LintRule = {
  id: 'FIELD_NAME_CAMEL_CASE',
  purpose: 'Field names are camelCase, e.g. orderId.',
  check: (ctx) =>
    records(ctx).flatMap((t) =>
      t.type.fields.flatMap((f, i): Finding[] =>
        CAMEL.test(f.name)
          ? []
          : [
              typeFinding(
                'FIELD_NAME_CAMEL_CASE',
                t,
                `field name "${f.name}" of record "${t.type.name}" is not camelCase`,
                `rename it, e.g. "${camel(f.name)}", with an alias "${f.name}" if published`,
                i,
              ),
            ],
      ),
    ),
};

export const enumSymbolRule: LintRule = {
  id: 'ENUM_SYMBOL_UPPER_SNAKE_CASE',
  purpose: 'Enum symbols are UPPER_SNAKE_CASE, e.g. OUT_OF_STOCK.',
  check: (ctx) =>
    ctx.types.flatMap((t) => {
      if (t.type.kind !== 'enum') return [];
      const bad = t.type.symbols.filter((s) => !UPPER_SNAKE.test(s));
      if (bad.length === 0) return [];
      return [
        typeFinding(
          'ENUM_SYMBOL_UPPER_SNAKE_CASE',
          t,
          `enum "${t.type.name}" has symbols that are not UPPER_SNAKE_CASE: ${bad.map((s) => `"${s}"`).join(', ')}`,
          `rename them, e.g. "${snake(bad[0]!)}"`,
        ),
      ];
    }),
};

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function pascal(s: string): string {
  return words(s)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

function camel(s: string): string {
  const p = pascal(s);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

function snake(s: string): string {
  return words(s)
    .map((w) => w.toUpperCase())
    .join('_');
}
