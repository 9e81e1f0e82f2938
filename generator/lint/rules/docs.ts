/** EVENT_DOC and FIELD_DOC: events, named types and fields say what they mean. */
import type { LintRule } from '../types.js';
import { records, typeFinding } from '../types.js';

export const eventDocRule: LintRule = {
  id: 'EVENT_DOC',
  purpose: 'Every event schema and named type has a doc string saying what it means.',
  check: (ctx) =>
    ctx.types
      .filter((t) => !t.type.doc?.trim())
      .map((t) =>
        typeFinding(
          'EVENT_DOC',
          t,
          `${t.type.kind} "${t.type.name}" has no doc`,
          `add a "doc" to ${t.type.kind} "${t.type.shortName}"`,
        ),
      ),
};

export const fieldDocRule: LintRule = {
  id: 'FIELD_DOC',
  purpose: 'Every record field has a doc string.',
  check: (ctx) =>
    records(ctx).flatMap((t) =>
      t.type.fields.flatMap((f, i) =>
        f.doc?.trim()
          ? []
          : [
              typeFinding(
                'FIELD_DOC',
                t,
                `field "${f.name}" of record "${t.type.name}" has no doc`,
                `add a "doc" to field "${f.name}"`,
                i,
              ),
            ],
      ),
    ),
};
