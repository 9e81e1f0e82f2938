/**
 * A strict JSON parser for schema files. Unlike `JSON.parse` it reports syntax errors as
 * `file:line:column`, rejects duplicate object keys (reporting every one), limits nesting
 * depth so hostile input cannot overflow the stack, and builds objects without a prototype
 * so keys such as `__proto__` are plain data.
 */
import { InputError } from '../errors.js';
import type { Problem } from '../errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Deepest nesting of arrays and objects accepted. Real schemas stay far below it. */
export const MAX_JSON_DEPTH = 256;

/** Escapes one JSON pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends reference tokens to a JSON pointer. */
export function childPointer(pointer: string, ...tokens: (string | number)[]): string {
  return pointer + tokens.map((t) => `/${pointerToken(t)}`).join('');
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `line:column` (both from 1) of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

/** Thrown internally at the first syntax error; converted to an InputError. */
class SyntaxProblem extends Error {
  override name = 'SyntaxProblem';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function describeChar(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const code = text.codePointAt(pos) ?? 0;
  if (code < 0x20 || code === 0x7f || code > 0x7e) {
    return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `character ${JSON.stringify(text[pos])}`;
}

class Parser {
  pos = 0;
  readonly duplicates: Problem[] = [];
  /** With `target` set, the offset where the value at that JSON pointer starts. */
  target?: string;
  found?: number;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  fail(message: string, offset = this.pos): never {
    throw new SyntaxProblem(message, offset);
  }

  unexpected(expected: string): never {
    this.fail(`unexpected ${describeChar(this.text, this.pos)}, expected ${expected}`);
  }

  skipWhitespace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p += 1;
      else break;
    }
    this.pos = p;
  }

  parseDocument(): JsonValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    const value = this.parseValue('', 0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.unexpected('end of input after the JSON value');
    return value;
  }

  parseValue(pointer: string, depth: number): JsonValue {
    if (pointer === this.target && this.found === undefined) this.found = this.pos;
    const t = this.text;
    const c = t[this.pos];
    switch (c) {
      case '{':
        return this.parseObject(pointer, depth + 1);
      case '[':
        return this.parseArray(pointer, depth + 1);
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber();
        return this.unexpected('a JSON value');
    }
  }

  parseLiteral(word: string, value: JsonValue): JsonValue {
    if (!this.text.startsWith(word, this.pos)) this.unexpected('a JSON value');
    this.pos += word.length;
    return value;
  }

  parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.unexpected('a digit');
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.unexpected('the end of the number');
    return Number(m[0]);
  }

  parseString(): string {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= t.length) this.fail('unterminated string', start);
      const c = t.charCodeAt(p);
      if (c === 0x22) break;
      if (c < 0x20) this.fail(`${describeChar(t, p)} must be escaped in a string`, p);
      if (c === 0x5c) {
        out += t.slice(chunk, p);
        p = this.parseEscape(p);
        out += this.escaped;
        chunk = p;
      } else {
        p += 1;
      }
    }
    out += t.slice(chunk, p);
    this.pos = p + 1;
    return out;
  }

  private escaped = '';

  /** Parses the escape at `p` (the backslash) into `this.escaped`; returns the next offset. */
  parseEscape(p: number): number {
    const t = this.text;
    const e = t[p + 1];
    if (e === 'u') {
      const hex = t.slice(p + 2, p + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape in string', p);
      this.escaped = String.fromCharCode(parseInt(hex, 16));
      return p + 6;
    }
    const mapped = e === undefined ? undefined : ESCAPES[e];
    if (mapped === undefined) this.fail(`invalid escape "\\${e ?? ''}" in string`, p);
    this.escaped = mapped;
    return p + 2;
  }

  checkDepth(depth: number): void {
    if (depth > MAX_JSON_DEPTH) {
      this.fail(`arrays and objects are nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
  }

  parseArray(pointer: string, depth: number): JsonValue[] {
    this.checkDepth(depth);
    this.pos += 1;
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue(`${pointer}/${items.length}`, depth));
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === ']') return items;
      if (c !== ',') {
        this.pos -= 1;
        this.unexpected('"," or "]"');
      }
    }
  }

  parseObject(pointer: string, depth: number): JsonObject {
    this.checkDepth(depth);
    this.pos += 1;
    const obj = Object.create(null) as JsonObject;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.unexpected('a string key');
      const keyOffset = this.pos;
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.unexpected('":"');
      this.pos += 1;
      this.skipWhitespace();
      const value = this.parseValue(childPointer(pointer, key), depth);
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        this.duplicates.push({
          file: this.file,
          pointer: lineColumn(this.text, keyOffset),
          message: `duplicate key ${JSON.stringify(key)} in the object at "${pointer || '/'}"`,
        });
      }
      obj[key] = value;
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === '}') return obj;
      if (c !== ',') {
        this.pos -= 1;
        this.unexpected('"," or "}"');
      }
    }
  }
}

/**
 * Parses `text` as strict JSON (RFC 8259; a leading byte order mark is allowed).
 * Throws InputError with `file:line:column` for a syntax error, or listing every
 * duplicate key.
 */
export function parseJson(text: string, file: string): JsonValue {
  const parser = new Parser(text, file);
  let value: JsonValue;
  try {
    value = parser.parseDocument();
  } catch (err) {
    if (!(err instanceof SyntaxProblem)) throw err;
    const at = lineColumn(text, err.offset);
    throw new InputError([{ file, pointer: at, message: `invalid JSON: ${err.message}` }], {
      cause: err,
    });
  }
  if (parser.duplicates.length > 0) throw new InputError(parser.duplicates);
  return value;
}

/**
 * `line:column` where the value at JSON `pointer` starts in `text`, or undefined when the
 * text is not valid JSON or has no such value. For messages and CI annotations that need
 * a line; problems themselves carry the pointer.
 */
export function locatePointer(text: string, pointer: string): string | undefined {
  const parser = new Parser(text, '');
  parser.target = pointer === '/' ? '' : pointer;
  try {
    parser.parseDocument();
  } catch (err) {
    if (!(err instanceof SyntaxProblem)) throw err;
  }
  return parser.found === undefined ? undefined : lineColumn(text, parser.found);
}
