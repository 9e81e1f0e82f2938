/**
 * Types of the compatibility engine: rule ids, rule descriptors and findings. Plain data, so
 * the CLI can print findings in any format.
 */

/** Rule ids: Apache Avro's `SchemaIncompatibilityType` names, plus one for an Avro error. */
export type CompatRuleId =
  | 'TYPE_MISMATCH'
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'MISSING_UNION_BRANCH'
  | 'READER_FIELD_ALIAS_AMBIGUOUS';

/** A rule's specification, in the style of buf's breaking-change rules. */
export interface CompatRule {
  id: CompatRuleId;
  /** One sentence: what the rule protects. */
  purpose: string;
}

/**
 * One incompatibility between a reader and a writer schema, as Apache Avro's
 * `SchemaCompatibility` reports it, with a sentence for people.
 */
export interface Incompatibility {
  rule: CompatRuleId;
  /** Apache Avro's location: a JSON pointer with field positions, e.g. `/fields/2/type`. */
  location: string;
  /** The same location with field names instead of positions, e.g. `/fields/amount/type`. */
  path: string;
  /** What changed, e.g. `field "amount" changed from double to string`. */
  detail: string;
  /** Apache Avro's own message for this incompatibility, e.g. `reader type: STRING not compatible with writer type: DOUBLE`. */
  avroMessage: string;
  /** How to fix it, where there is one fix, e.g. `add a default to field "currency"`. */
  fix?: string;
}

/** The verdict for one reader/writer pair. */
export interface PairResult {
  compatible: boolean;
  incompatibilities: Incompatibility[];
}

/** A finding as the CLI reports it. */
export interface Finding {
  rule: string;
  /** The event or registry subject the versions belong to. */
  subject?: string;
  readerVersion?: number;
  writerVersion?: number;
  /** The file the finding is about (the newer of the two versions where known). */
  file?: string;
  /** JSON pointer inside the reader schema (Apache Avro's location), `/` for the root. */
  location: string;
  /** The location with field names, e.g. `/fields/amount/type`. */
  path?: string;
  /** Line and column (1-based) of the location in `file`, where found. */
  line?: number;
  column?: number;
  /** A sentence a person understands. */
  message: string;
  fix?: string;
}
