/** Builds an `Incompatibility` from the checker's location stack. */
import { avroPointer, namedPointer, type LocationStack } from './location.js';
import type { Node } from './nodes.js';
import type { CompatRuleId, Incompatibility } from './types.js';

/** What a rule needs to word a finding: descriptions of reader and writer types. */
export interface Describer {
  reader(node: Node): string;
  writer(node: Node): string;
  /**
   * The reader is the older schema (FORWARD checks): findings then describe the change from
   * the reader to the writer, and fixes apply to the new (writer) schema.
   */
  forward: boolean;
}

export function incompatibility(
  rule: CompatRuleId,
  stack: LocationStack,
  detail: string,
  avroMessage: string,
  fix?: string,
): Incompatibility {
  const found: Incompatibility = {
    rule,
    location: avroPointer(stack),
    path: namedPointer(stack),
    detail,
    avroMessage,
  };
  if (fix !== undefined) found.fix = fix;
  return found;
}
