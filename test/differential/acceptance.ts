/**
 * Which schemas Apache Avro Java accepts, next to which eventc's loader accepts: for tests
 * of schemas one of them might refuse (defaults, self references). Java's verdict comes from
 * parsing the schema in the differential harness.
 */
import { InputError } from '../../generator/errors.js';
import { parseSchema } from '../../generator/load/index.js';
import { runJava } from './java-harness.js';

export interface Acceptance {
  id: string;
  eventc: boolean;
  java: boolean;
  /** Java's error, where it refused the schema. */
  javaError?: string;
}

function eventcAccepts(schema: unknown): boolean {
  try {
    parseSchema(JSON.stringify(schema), 'R.avsc');
    return true;
  } catch (err) {
    if (err instanceof InputError) return false;
    throw err;
  }
}

/** Both verdicts for every named schema, in order. */
export function acceptance(cases: Record<string, unknown>): Acceptance[] {
  const names = Object.keys(cases);
  const java = runJava(names.map((id) => ({ id, reader: cases[id], writer: cases[id] })));
  return names.map((id, i) => {
    const error = java[i]?.error;
    return {
      id,
      eventc: eventcAccepts(cases[id]),
      java: error === undefined,
      ...(error === undefined ? {} : { javaError: error }),
    };
  });
}
