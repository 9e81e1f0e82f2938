/**
 * Errors of the compiler layer. Each carries the file (and JSON pointer where known) it is
 * about, so the CLI can print `file:pointer: message` without a stack.
 */
export class EventcError extends Error {
  override name = 'EventcError';
  /** Exit status the CLI uses for this error: 2 for bad input or usage. */
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One problem found in an input file. */
export interface Problem {
  file: string;
  /** JSON pointer inside the file, or `line:column` for syntax errors. */
  pointer?: string;
  message: string;
  /** Line and column (1-based) in `file`, where known (see `locateProblems`). */
  line?: number;
  column?: number;
}

/** Bad input: one or more problems in schemas or the manifest. */
export class InputError extends EventcError {
  override name = 'InputError';
  readonly problems: Problem[];
  constructor(problems: Problem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.problems = problems;
  }
}

/**
 * `file:line:col: /pointer: message` where the line is known (the JSON pointer kept for
 * schema files, whose problems name it), else `file:pointer: message`.
 */
export function formatProblem(p: Problem): string {
  if (p.line !== undefined) {
    const at = `${p.file}:${p.line}:${p.column ?? 1}`;
    return p.pointer?.startsWith('/') ? `${at}: ${p.pointer}: ${p.message}` : `${at}: ${p.message}`;
  }
  return p.pointer ? `${p.file}:${p.pointer}: ${p.message}` : `${p.file}: ${p.message}`;
}
