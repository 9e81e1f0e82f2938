/**
 * Unions whose default may be a value of any branch, as Avro 1.12 allows (AVRO-3649) and
 * Apache Avro Java and the registry accept: `["string", "null"]` with `default: null`. avsc
 * reads a union's default as a value of its first branch only; these take the first branch
 * that accepts the default instead (the first branch still, when it does). Everything else
 * is avsc's own union, unwrapped (`T | null`) or wrapped (`{ branch: value }`).
 */
import { avscTypes, type InternalType } from './internals.js';

interface Branch extends InternalType {
  _branchConstructor: new (value: unknown) => unknown;
}

interface CopyOptions {
  wrap?: number;
}

function branchesOf(union: unknown): readonly Branch[] {
  return (union as { types: Branch[] }).types;
}

/** avsc copies a default with `wrap: 2` ("promote into the first branch"). */
function isDefault(opts: unknown): boolean {
  return ((opts as CopyOptions | undefined)?.wrap ?? 0) === 2;
}

/** The default as a value of the first branch that takes it; the first branch's error if none. */
function anyBranch(
  types: readonly Branch[],
  value: unknown,
  opts: unknown,
  asValue: (branch: Branch, copied: unknown) => unknown,
): unknown {
  let first: unknown;
  for (const branch of types) {
    try {
      return asValue(branch, branch._copy(value, opts as never));
    } catch (err) {
      first ??= err;
    }
  }
  throw first;
}

export class UnwrappedUnionType extends avscTypes.UnwrappedUnionType {
  override _copy(value: unknown, opts?: unknown): unknown {
    if (!isDefault(opts)) return super._copy(value, opts as never);
    return anyBranch(branchesOf(this), value, opts, (_branch, copied) => copied);
  }
}

export class WrappedUnionType extends avscTypes.WrappedUnionType {
  override _copy(value: unknown, opts?: unknown): unknown {
    if (!isDefault(opts)) return super._copy(value, opts as never);
    return anyBranch(branchesOf(this), value, opts, (branch, copied) =>
      branch.typeName === 'null' ? null : new branch._branchConstructor(copied),
    );
  }
}
