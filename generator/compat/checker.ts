/**
 * A port of Apache Avro 1.12's `SchemaCompatibility.checkReaderWriterCompatibility`: can
 * data written with the writer schema be read with the reader schema? The traversal, the
 * memo table (which answers "compatible" for a pair already being checked, so recursive
 * types terminate), the order of findings and their locations follow the Java code, so
 * verdicts and locations agree with what the Confluent registry computes.
 */
import type { Field, RecordType, SchemaSet } from '../model/avro.js';
import type { Describer } from './incompatibility.js';
import { token, type LocationStack, type LocationToken } from './location.js';
import { avroType, describeType, resolve, type Node } from './nodes.js';
import { checkFixedSize } from './rules/fixed-size-mismatch.js';
import { checkEnumSymbols } from './rules/missing-enum-symbols.js';
import { readerUnionLacks, writerBranchUnread } from './rules/missing-union-branch.js';
import { checkSchemaNames } from './rules/name-mismatch.js';
import { readerFieldAliasAmbiguous } from './rules/reader-field-alias-ambiguous.js';
import { readerFieldMissingDefault } from './rules/reader-field-missing-default-value.js';
import { missingEnumFieldMismatch, promotes, typeMismatch } from './rules/type-mismatch.js';
import type { Incompatibility, PairResult } from './types.js';

type Verdict = 'compatible' | 'incompatible' | 'in-progress';

/**
 * A finding, or a function making it: findings inside reader-union branches are mostly
 * thrown away (another branch matches), so their sentences are only written when kept.
 */
type Pending = Incompatibility | (() => Incompatibility);

interface Result {
  verdict: Verdict;
  list: Pending[];
}

const ROOT = token('');
const ITEMS = token('items');
const VALUES = token('values');
const FIELDS = token('fields');
const TYPE = token('type');

const COMPATIBLE: Result = { verdict: 'compatible', list: [] };
const IN_PROGRESS: Result = { verdict: 'in-progress', list: [] };

/** Avro's `mergedWith`: incompatible once either side is, findings concatenated. */
function merge(a: Result, b: Result): Result {
  if (a.list.length === 0 && a.verdict === 'compatible') return b;
  return {
    verdict: a.verdict === 'compatible' ? b.verdict : 'incompatible',
    list: b.list.length === 0 ? a.list : [...a.list, ...b.list],
  };
}

function incompatible(found: Pending | undefined): Result {
  return found ? { verdict: 'incompatible', list: [found] } : COMPATIBLE;
}

function materialize(list: Pending[]): Incompatibility[] {
  return list.map((p) => (typeof p === 'function' ? p() : p));
}

export interface CheckOptions {
  /** The reader is the older schema (a FORWARD check); only the wording of findings changes. */
  forward?: boolean;
}

/**
 * Apache Avro throws when a reader field matches several writer fields, ending the whole
 * check; the checker does the same and reports that one finding.
 */
class AmbiguousField {
  constructor(readonly found: Incompatibility) {}
}

/** Checks whether `reader` can read all data written with `writer`. */
export function checkReaderWriter(
  reader: SchemaSet,
  writer: SchemaSet,
  options: CheckOptions = {},
): PairResult {
  const checker = new Checker(reader, writer, options.forward ?? false);
  try {
    const result = checker.root(resolve(reader.root, reader), resolve(writer.root, writer));
    return {
      compatible: result.verdict === 'compatible',
      incompatibilities: materialize(result.list),
    };
  } catch (err) {
    if (err instanceof AmbiguousField) return { compatible: false, incompatibilities: [err.found] };
    throw err;
  }
}

class Checker {
  private readonly memo = new Map<Node, Map<Node, Result>>();
  private readonly writerFields = new Map<RecordType, Map<string, Field>>();
  /** Set while checking a missing reader enum field against the writer record (Avro's quirk). */
  private missingEnumField = false;
  private readonly describe: Describer;

  constructor(
    private readonly readerSet: SchemaSet,
    private readonly writerSet: SchemaSet,
    forward: boolean,
  ) {
    this.describe = {
      reader: (n) => describeType(n, readerSet),
      writer: (n) => describeType(n, writerSet),
      forward,
    };
  }

  /** Avro's public `getCompatibility(reader, writer)`: a fresh location, the shared memo. */
  root(reader: Node, writer: Node): Result {
    return this.visit(ROOT, reader, writer, []);
  }

  private visit(at: LocationToken, reader: Node, writer: Node, stack: LocationStack): Result {
    stack.push(at);
    if (reader.kind === 'primitive' && writer.kind === 'primitive') {
      // Leaves: no recursion to break, and a pair of leaf nodes is reached at most once
      // (their parents are memoized), so the memo would never answer.
      const leaf = this.calculate(reader, writer, stack);
      stack.pop();
      return leaf;
    }
    let byWriter = this.memo.get(reader);
    if (!byWriter) this.memo.set(reader, (byWriter = new Map()));
    let result = byWriter.get(writer);
    if (result) {
      if (result.verdict === 'in-progress') result = COMPATIBLE;
    } else {
      byWriter.set(writer, IN_PROGRESS);
      result = this.calculate(reader, writer, stack);
      byWriter.set(writer, result);
    }
    this.missingEnumField = false;
    stack.pop();
    return result;
  }

  private calculate(reader: Node, writer: Node, stack: LocationStack): Result {
    const missingEnumField = this.missingEnumField;
    this.missingEnumField = false;
    if (avroType(reader) === avroType(writer)) return this.sameType(reader, writer, stack);
    if (writer.kind === 'union') {
      let result = COMPATIBLE;
      writer.branches.forEach((branch, i) => {
        const w = resolve(branch, this.writerSet);
        result = merge(result, this.visit(token(String(i)), reader, w, stack));
      });
      return result;
    }
    if (reader.kind === 'union') return this.readerUnion(reader, writer, stack);
    if (promotes(avroType(reader), avroType(writer))) return COMPATIBLE;
    if (missingEnumField && reader.kind === 'enum' && writer.kind === 'record') {
      const at = stack.slice();
      return incompatible(() => missingEnumFieldMismatch(this.describe, reader, writer, at));
    }
    const at = stack.slice();
    return incompatible(() => typeMismatch(this.describe, reader, writer, at));
  }

  private sameType(reader: Node, writer: Node, stack: LocationStack): Result {
    if (reader.kind === 'array' && writer.kind === 'array') {
      const r = resolve(reader.items, this.readerSet);
      return this.visit(ITEMS, r, resolve(writer.items, this.writerSet), stack);
    }
    if (reader.kind === 'map' && writer.kind === 'map') {
      const r = resolve(reader.values, this.readerSet);
      return this.visit(VALUES, r, resolve(writer.values, this.writerSet), stack);
    }
    if (reader.kind === 'fixed' && writer.kind === 'fixed') {
      const names = incompatible(checkSchemaNames(this.describe, reader, writer, stack));
      return merge(names, incompatible(checkFixedSize(this.describe, reader, writer, stack)));
    }
    if (reader.kind === 'enum' && writer.kind === 'enum') {
      const names = incompatible(checkSchemaNames(this.describe, reader, writer, stack));
      return merge(names, incompatible(checkEnumSymbols(this.describe, reader, writer, stack)));
    }
    if (reader.kind === 'record' && writer.kind === 'record') {
      const names = incompatible(checkSchemaNames(this.describe, reader, writer, stack));
      return merge(names, this.recordFields(reader, writer, stack));
    }
    if (reader.kind === 'union' && writer.kind === 'union') {
      return this.writerUnion(reader, writer.branches, stack);
    }
    return COMPATIBLE;
  }

  /** Each branch of the writer's union must be readable by the reader's union. */
  private writerUnion(reader: Node, branches: SchemaSet['root'][], stack: LocationStack): Result {
    let result = COMPATIBLE;
    branches.forEach((branch, i) => {
      stack.push(token(String(i)));
      const w = resolve(branch, this.writerSet);
      if (this.root(reader, w).verdict === 'incompatible') {
        const at = stack.slice();
        result = merge(
          result,
          incompatible(() => writerBranchUnread(this.describe, reader, w, at)),
        );
      }
      stack.pop();
    });
    return result;
  }

  /** Some branch of the reader's union must read the writer's (non-union) type. */
  private readerUnion(
    reader: Extract<Node, { kind: 'union' }>,
    writer: Node,
    stack: LocationStack,
  ): Result {
    for (const branch of reader.branches) {
      const r = resolve(branch, this.readerSet);
      if (this.root(r, writer).verdict === 'compatible') return COMPATIBLE;
    }
    const at = stack.slice();
    return incompatible(() => readerUnionLacks(this.describe, reader, writer, at));
  }

  private recordFields(reader: RecordType, writer: RecordType, stack: LocationStack): Result {
    let result = COMPATIBLE;
    stack.push(FIELDS);
    reader.fields.forEach((readerField, pos) => {
      stack.push(token(String(pos), readerField.name));
      result = merge(result, this.field(readerField, writer, stack));
      stack.pop();
    });
    stack.pop();
    return result;
  }

  private field(readerField: Field, writer: RecordType, stack: LocationStack): Result {
    const matches = this.lookupWriterFields(writer, readerField);
    if (matches.length > 1) {
      const names = matches.map((f) => f.name);
      throw new AmbiguousField(readerFieldAliasAmbiguous(readerField.name, names, stack));
    }
    const readerType = resolve(readerField.type, this.readerSet);
    const writerField = matches[0];
    if (writerField) {
      const w = resolve(writerField.type, this.writerSet);
      return this.visit(TYPE, readerType, w, stack);
    }
    if (readerField.default !== undefined) return COMPATIBLE;
    if (readerType.kind === 'enum' && readerType.default !== undefined) {
      this.missingEnumField = true;
      return this.visit(TYPE, readerType, writer, stack);
    }
    const at = stack.slice();
    return incompatible(() => readerFieldMissingDefault(this.describe, readerField.name, at));
  }

  /** Avro's `lookupWriterField`: the writer field named like the reader field or one of its aliases. */
  private lookupWriterFields(writer: RecordType, readerField: Field): Field[] {
    let byName = this.writerFields.get(writer);
    if (!byName) {
      byName = new Map(writer.fields.map((f) => [f.name, f]));
      this.writerFields.set(writer, byName);
    }
    const found: Field[] = [];
    // Avro keeps a field's aliases in a set: a repeated alias matches once.
    for (const name of [readerField.name, ...new Set(readerField.aliases)]) {
      const f = byName.get(name);
      if (f) found.push(f);
    }
    return found;
  }
}
