/**
 * The type declarations of one module: every named type of every version (each distinct
 * definition once), and for each version a root type named as asked.
 */
import type { Block } from '../model.js';
import { enumBlock } from '../kinds/enum.js';
import { fixedBlock } from '../kinds/fixed.js';
import { nameTypes, type Naming, type VersionInput } from '../naming.js';
import { recordBlocks } from '../kinds/record.js';
import { typeOf, type TypeContext, type TypeExpr } from '../kinds/schema-type.js';

export interface TypesResult {
  blocks: Block[];
  naming: Naming;
  /** Per version (same order as the input): the root's read and write type names. */
  roots: { read: string; write: string }[];
  runtimeTypes: Set<string>;
}

/** Declarations for `versions`; `reserved` are names the module uses for other things. */
export function emitTypes(versions: VersionInput[], reserved: Iterable<string>): TypesResult {
  const naming = nameTypes(versions, reserved);
  const runtimeTypes = new Set<string>();
  const blocks: Block[] = [];
  for (const slot of naming.slots) {
    const ctx: TypeContext = { refs: naming.bySet.get(slot.set)!, runtimeTypes };
    const type = slot.type;
    if (type.kind === 'record') blocks.push(...recordBlocks(type, slot, ctx));
    else if (type.kind === 'enum') blocks.push(enumBlock(type, slot));
    else blocks.push(fixedBlock(type, slot, ctx));
  }
  const roots = versions.map((v) => {
    const ctx: TypeContext = { refs: naming.bySet.get(v.set)!, runtimeTypes };
    const expr: TypeExpr = typeOf(v.set.root, ctx);
    if (expr.read === v.rootName) return { read: expr.read, write: expr.write };
    // The root is an unnamed type, or a named one already emitted under another name.
    const writeName = `${v.rootName}Input`;
    blocks.push({ kind: 'alias', docLines: [], name: v.rootName, type: expr.read });
    if (expr.write !== expr.read) {
      blocks.push({ kind: 'alias', docLines: [], name: writeName, type: expr.write });
      return { read: v.rootName, write: writeName };
    }
    return { read: v.rootName, write: v.rootName };
  });
  return { blocks, naming, roots, runtimeTypes };
}
