/**
 * Types of the compatibility engine: rule ids, rule descriptors and the incompatibilities of
 * a reader/writer pair. Plain data; `report/finding.ts` is what the CLI prints of them.
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
