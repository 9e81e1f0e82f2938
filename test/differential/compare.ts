/**
 * Compares eventc's checker with Apache Avro Java over schema pairs: verdicts, and the
 * list of (rule, location, Avro message) for each pair.
 */
import { checkReaderWriter } from '../../generator/compat/checker.js';
import { parseSchema } from '../../generator/load/index.js';
import type { SchemaPair } from './evolve.js';
import type { JavaResult } from './java-harness.js';

export interface Disagreement {
  id: string;
  changes: string[];
  kind: 'verdict' | 'findings' | 'parse';
  java: unknown;
  eventc: unknown;
  reader: unknown;
  writer: unknown;
}

export interface Comparison {
  pairs: number;
  verdictAgreements: number;
  findingAgreements: number;
  /** Pairs Avro refused with an exception, and eventc reported as READER_FIELD_ALIAS_AMBIGUOUS. */
  avroErrors: number;
  incompatiblePairs: number;
  /** How often Avro reported each incompatibility type. */
  ruleCounts: Record<string, number>;
  /** How often each change was made. */
  changeCounts: Record<string, number>;
  disagreements: Disagreement[];
}

export function compare(pairs: SchemaPair[], java: JavaResult[]): Comparison {
  const c: Comparison = {
    pairs: pairs.length,
    verdictAgreements: 0,
    findingAgreements: 0,
    avroErrors: 0,
    incompatiblePairs: 0,
    ruleCounts: {},
    changeCounts: {},
    disagreements: [],
  };
  pairs.forEach((pair, i) => {
    const j = java[i];
    if (!j || j.id !== pair.id) throw new Error(`Java result missing for pair ${pair.id}`);
    if (pair.id.endsWith('/new-reads-old')) {
      for (const ch of pair.changes) c.changeCounts[ch] = (c.changeCounts[ch] ?? 0) + 1;
    }
    comparePair(c, pair, j);
  });
  return c;
}

function comparePair(c: Comparison, pair: SchemaPair, j: JavaResult): void {
  const base = { id: pair.id, changes: pair.changes, reader: pair.reader, writer: pair.writer };
  let ours;
  try {
    const reader = parseSchema(JSON.stringify(pair.reader), 'reader.avsc');
    const writer = parseSchema(JSON.stringify(pair.writer), 'writer.avsc');
    ours = checkReaderWriter(reader, writer);
  } catch (err) {
    c.disagreements.push({ ...base, kind: 'parse', java: j, eventc: String(err) });
    return;
  }
  const ourList = ours.incompatibilities.map((x) => [x.rule, x.location, x.avroMessage]);
  if (j.error !== undefined) {
    const ambiguous = ours.incompatibilities.some((x) => x.rule === 'READER_FIELD_ALIAS_AMBIGUOUS');
    if (ambiguous && /matches multiple fields/.test(j.error)) {
      c.avroErrors++;
      c.verdictAgreements++;
      c.findingAgreements++;
    } else c.disagreements.push({ ...base, kind: 'verdict', java: j, eventc: ourList });
    return;
  }
  const theirs = j.incompatibilities ?? [];
  for (const x of theirs) c.ruleCounts[x.type] = (c.ruleCounts[x.type] ?? 0) + 1;
  if (!j.compatible) c.incompatiblePairs++;
  if (ours.compatible !== j.compatible) {
    c.disagreements.push({ ...base, kind: 'verdict', java: j, eventc: ourList });
    return;
  }
  c.verdictAgreements++;
  const theirList = theirs.map((x) => [x.type, x.location, x.message]);
  if (JSON.stringify(theirList) === JSON.stringify(ourList)) c.findingAgreements++;
  else c.disagreements.push({ ...base, kind: 'findings', java: theirList, eventc: ourList });
}
