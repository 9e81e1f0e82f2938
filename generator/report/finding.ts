/**
 * A finding: one thing `check`, `lint`, drift detection or an input error reports, as plain
 * data, so that every output format (text, JSON, GitHub annotations, JUnit) prints the same.
 */
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
