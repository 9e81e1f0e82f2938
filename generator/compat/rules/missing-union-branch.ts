/** MISSING_UNION_BRANCH: a writer type (or writer union branch) has no reader union branch. */
import { incompatibility, type Describer } from '../incompatibility.js';
import { describeWhere, type LocationStack } from '../location.js';
import { avroType, type Node } from '../nodes.js';
import type { CompatRule, Incompatibility } from '../types.js';

export const missingUnionBranchRule: CompatRule = {
  id: 'MISSING_UNION_BRANCH',
  purpose:
    "Every type the writer may write (each branch of a writer union) is read by some branch of the reader's union.",
};

/** The writer's union branch at the top of `stack` is read by no branch of the reader's union. */
export function writerBranchUnread(
  d: Describer,
  reader: Node,
  writerBranch: Node,
  stack: LocationStack,
): Incompatibility {
  const branch = stack[stack.length - 1]!.avro;
  const where = describeWhere(stack.slice(0, -1));
  const type = d.writer(writerBranch);
  const union = d.reader(reader);
  return incompatibility(
    'MISSING_UNION_BRANCH',
    stack,
    d.forward
      ? `${where}: union branch ${branch} (${type}) is new, and the older ${union} cannot read it`
      : `${where}: the ${union} no longer reads ${type} (branch ${branch} of the older union)`,
    `reader union lacking writer type: ${avroType(writerBranch)}`,
    d.forward ? `remove ${type} from the union` : `add ${type} back to the union`,
  );
}

/** The writer's (non-union) type is read by no branch of the reader's union. */
export function readerUnionLacks(
  d: Describer,
  reader: Node,
  writer: Node,
  stack: LocationStack,
): Incompatibility {
  const type = d.writer(writer);
  const union = d.reader(reader);
  const where = describeWhere(stack);
  return incompatibility(
    'MISSING_UNION_BRANCH',
    stack,
    d.forward
      ? `${where} changed from ${union} to ${type}, which no branch of the union reads`
      : `${where} changed from ${type} to ${union}, which has no branch reading ${type}`,
    `reader union lacking writer type: ${avroType(writer)}`,
    d.forward ? `keep a type the ${union} reads` : `add ${type} to the union`,
  );
}
