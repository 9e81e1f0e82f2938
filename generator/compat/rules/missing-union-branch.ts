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
  return incompatibility(
    'MISSING_UNION_BRANCH',
    stack,
    `${where}: the writer's union branch ${branch} (${type}) is read by no branch of the reader's ${d.reader(reader)}`,
    `reader union lacking writer type: ${avroType(writerBranch)}`,
    `add ${type} to the reader's union`,
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
  return incompatibility(
    'MISSING_UNION_BRANCH',
    stack,
    `${describeWhere(stack)} changed from ${type} to ${d.reader(reader)}, which has no branch reading ${type}`,
    `reader union lacking writer type: ${avroType(writer)}`,
    `add ${type} to the union`,
  );
}
