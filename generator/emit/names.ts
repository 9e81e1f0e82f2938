/**
 * Turning schema text into TypeScript text safely: identifiers, property keys, string
 * literals and doc comments. Nothing from a schema reaches generated code except through
 * these functions.
 */

/** Words that cannot be a type or value name in a module, and names a module already uses. */
const RESERVED = new Set([
  // ECMAScript and TypeScript reserved words and contextual keywords used as type names
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with implements interface let package private protected public static yield await any boolean number string symbol bigint object never unknown undefined type as async declare from get set of is keyof infer readonly require module namespace abstract satisfies global asserts accessor out override unique arguments eval'.split(
    ' ',
  ),
  // Global values and types generated code refers to
  ...'Array Buffer Date Error Map Object Promise Record Set String Number Boolean Symbol BigInt Partial Readonly Pick Omit Exclude Extract NonNullable ReturnType Function JSON Math globalThis'.split(
    ' ',
  ),
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Whether `name` can be used as-is as a type or value name in generated code. */
export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/**
 * Lower-case words joined by `-`, for file and topic names: `OrderCreated` → `order-created`,
 * `HTTPRequestSent` → `http-request-sent`.
 */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase())
    .join('-');
}

/** An identifier for `name`: invalid characters become `_`; reserved words get a `_` suffix. */
export function toIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (!/^[A-Za-z_$]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** `com.shop.orders` + `Money` → `ComShopOrdersMoney`. */
export function qualifiedIdentifier(namespace: string, shortName: string): string {
  const parts = namespace.split('.').filter((p) => p.length > 0);
  const prefix = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return toIdentifier(`${prefix}${shortName.charAt(0).toUpperCase()}${shortName.slice(1)}`);
}

/** `order-service` → `OrderService`; `orderCreated` → `OrderCreated`. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  return toIdentifier(words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || '_');
}

/** `OrderCreated` → `orderCreated`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return toIdentifier(pascal.charAt(0).toLowerCase() + pascal.slice(1));
}

const PLAIN_LITERAL = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/** A string literal, single-quoted, escaped for any content (line terminators included). */
export function stringLiteral(text: string): string {
  // Printable ASCII without a quote or a backslash needs no escape (most names and schemas).
  if (PLAIN_LITERAL.test(text)) return `'${text}'`;
  const json = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${json}'`;
}

/** A property key in a type: bare when it is a plain identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** Line terminators other than LF, `*\/`, `@`, or whitespace at the end of a line. */
const DOC_NEEDS_CLEANING = /[\r\u2028\u2029@]|\*\/|[^\S\n]\n|[^\S\n]$/;

/**
 * The lines of a TSDoc comment for `doc`, or none. A star-slash cannot close the comment, line
 * terminators cannot break out of it, and `@` at line starts is kept literal text.
 */
export function docLines(doc: string | undefined, extra: string[] = []): string[] {
  const text = [doc, ...extra].filter((d): d is string => d !== undefined && d.trim() !== '');
  if (text.length === 0) return [];
  const joined = text.join('\n\n');
  // Most docs are plain sentences: nothing to escape or trim, and one line.
  const lines = DOC_NEEDS_CLEANING.test(joined)
    ? joined
        .replace(/\r\n?|\u2028|\u2029/g, '\n')
        .replace(/\*\//g, '*\\/')
        .split('\n')
        .map((l) => l.replace(/\s+$/, '').replace(/^(\s*)@/, '$1\\@'))
    : joined.split('\n');
  if (lines.length === 1 && lines[0]!.length <= 90) return [`/** ${lines[0]!.trim()} */`];
  return ['/**', ...lines.flatMap(wrapDocLine).map((l) => (l ? ` * ${l}` : ' *')), ' */'];
}

/** Doc text per line: 95 characters leave room for ` * ` and an indent of 2 within 100. */
const DOC_WIDTH = 95;

/** A doc line longer than the width, broken at spaces; continuations keep its indent. */
function wrapDocLine(line: string): string[] {
  if (line.length <= DOC_WIDTH) return [line];
  const indent = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let current = '';
  for (const word of line.slice(indent.length).split(/ +/)) {
    if (current !== '' && indent.length + current.length + 1 + word.length > DOC_WIDTH) {
      out.push(indent + current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') out.push(indent + current);
  return out;
}
