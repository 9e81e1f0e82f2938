/**
 * Line and column for problems: a `line:column` pointer (YAML and JSON syntax) is read as
 * it is; a JSON pointer is looked up in the file's text. Pure: the texts come in by name.
 */
import { InputError } from '../errors.js';
import type { Problem } from '../errors.js';
import { locatePointer } from './json.js';

const LINE_COLUMN = /^(\d+):(\d+)$/;

/** `problems` with `line` and `column` set wherever `textOf(file)` lets them be found. */
export function locateProblems(
  problems: readonly Problem[],
  textOf: (file: string) => string | undefined,
): Problem[] {
  return problems.map((p) => {
    if (p.line !== undefined || p.pointer === undefined) return p;
    let at = LINE_COLUMN.exec(p.pointer);
    if (!at && p.pointer.startsWith('/')) {
      const text = textOf(p.file);
      const found = text === undefined ? undefined : locatePointer(text, p.pointer);
      at = found === undefined ? null : LINE_COLUMN.exec(found);
    }
    return at ? { ...p, line: Number(at[1]), column: Number(at[2]) } : p;
  });
}

/** Runs `fn`; an InputError it throws comes out again with its problems located. */
export function withLocatedProblems<T>(
  fn: () => T,
  textOf: (file: string) => string | undefined,
): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(locateProblems(err.problems, textOf), { cause: err.cause });
  }
}
