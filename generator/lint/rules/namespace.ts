/** NAMESPACE_PRESENT: every named type lives in a namespace. */
import type { LintRule } from '../types.js';
import { typeFinding } from '../types.js';

export const namespaceRule: LintRule = {
  id: 'NAMESPACE_PRESENT',
  purpose: 'Every record, enum and fixed type has a namespace, so names do not collide.',
  check: (ctx) =>
    ctx.types
      .filter((t) => t.type.namespace === '')
      .map((t) =>
        typeFinding(
          'NAMESPACE_PRESENT',
          t,
          `${t.type.kind} "${t.type.name}" has no namespace`,
          `add a "namespace", e.g. "com.example.${t.event.folder.split('/')[0] ?? 'domain'}"`,
        ),
      ),
};
