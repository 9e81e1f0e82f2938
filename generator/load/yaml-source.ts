/**
 * A parsed YAML file that remembers where each value came from, so problems can name
 * `file:line:column` and the key path (e.g. `events[1].topic`).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { InputError } from '../errors.js';
import type { Problem } from '../errors.js';

export type KeyPath = readonly (string | number)[];

/** `events[1].topic` style rendering of a key path. */
export function keyPathText(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Largest manifest accepted, in UTF-16 code units. */
export const MAX_MANIFEST_SIZE = 1024 * 1024;

export class YamlSource {
  readonly problems: Problem[] = [];
  readonly value: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  /** Parses `text`; throws InputError for YAML syntax errors (with line and column). */
  constructor(
    text: string,
    readonly file: string,
  ) {
    if (text.length > MAX_MANIFEST_SIZE) {
      throw new InputError([{ file, message: `is larger than ${MAX_MANIFEST_SIZE} characters` }]);
    }
    this.doc = parseDocument(text, {
      lineCounter: this.lines,
      uniqueKeys: true,
      prettyErrors: false,
    });
    const syntax = this.doc.errors.map((e) => ({
      file,
      pointer: this.position(e.pos[0]),
      message: `invalid YAML: ${e.message.split('\n')[0] ?? e.code}`,
    }));
    if (syntax.length > 0) throw new InputError(syntax);
    try {
      this.value = this.doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      throw new InputError([{ file, message: `invalid YAML: ${(err as Error).message}` }], {
        cause: err,
      });
    }
  }

  position(offset: number): string {
    const { line, col } = this.lines.linePos(offset);
    return `${line}:${col}`;
  }

  /** The node at `path`, or the deepest existing ancestor. With `key`, the map key itself. */
  private nodeAt(path: KeyPath, key: boolean): Node | undefined {
    let node: unknown = this.doc.contents;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
        if (!pair) return node;
        if (key && i === path.length - 1) return pair.key as Node;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) return node;
        node = item;
      } else {
        return node as Node | undefined;
      }
    }
    return node as Node | undefined;
  }

  /** `line:column` of the value at `path` (or of its key with `key`). */
  locate(path: KeyPath, key = false): string | undefined {
    const range = this.nodeAt(path, key)?.range;
    return range ? this.position(range[0]) : undefined;
  }

  /** Records a problem at `path`: `file:line:col: events[1].topic: message`. */
  report(path: KeyPath, message: string, key = false): void {
    const where = keyPathText(path);
    const problem: Problem = { file: this.file, message: where ? `${where}: ${message}` : message };
    const pointer = this.locate(path, key);
    if (pointer) problem.pointer = pointer;
    this.problems.push(problem);
  }
}
