/**
 * Small validators for the manifest's YAML values: each checks one value at a key path
 * and reports a problem (with line, column and "did you mean" hints) when it is wrong.
 */
import { didYouMean } from './names.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

export type YamlObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export class ManifestChecker {
  constructor(readonly source: YamlSource) {}

  report(path: KeyPath, message: string, key = false): void {
    this.source.report(path, message, key);
  }

  /** A mapping with only `allowed` keys and all `required` ones. */
  object(
    value: unknown,
    path: KeyPath,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): YamlObject | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(
        path,
        `expected a mapping with keys ${allowed.join(', ')}, got ${describe(value)}`,
      );
      return undefined;
    }
    const obj = value as YamlObject;
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        const hint = didYouMean(key, allowed) || ` Allowed keys: ${allowed.join(', ')}.`;
        this.report([...path, key], `unknown key ${JSON.stringify(key)}.${hint}`, true);
      }
    }
    for (const key of required) {
      if (obj[key] === undefined || obj[key] === null) {
        this.report(path, `missing required key ${JSON.stringify(key)}`);
      }
    }
    return obj;
  }

  /** A list, or undefined (reported) when something else is there. Absent means empty. */
  list(value: unknown, path: KeyPath): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.report(path, `expected a list, got ${describe(value)}`);
    return [];
  }

  /** A string matching `pattern` (described by `rule`); undefined when absent or wrong. */
  string(value: unknown, path: KeyPath, pattern?: RegExp, rule?: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.report(path, `expected a string, got ${describe(value)}`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) {
      this.report(
        path,
        `${JSON.stringify(value)} is not valid: ${rule ?? `must match ${pattern}`}`,
      );
      return undefined;
    }
    return value;
  }

  /** One of `options`, with a suggestion when close to one. */
  oneOf<T extends string>(value: unknown, path: KeyPath, options: readonly T[]): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) {
      return value as T;
    }
    const hint =
      typeof value === 'string'
        ? didYouMean(value, options) || didYouMean(value.toUpperCase(), options)
        : '';
    this.report(path, `${describe(value)} is not one of ${options.join(', ')}.${hint}`);
    return undefined;
  }

  /** A positive integer. */
  positiveInt(value: unknown, path: KeyPath): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
    this.report(path, `expected a positive integer, got ${describe(value)}`);
    return undefined;
  }

  /** A relative path with `/` separators that stays inside its base folder. */
  relativePath(value: unknown, path: KeyPath): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    const parts = text.split('/').filter((p) => p !== '' && p !== '.');
    if (
      text.startsWith('/') ||
      text.includes('\\') ||
      /^[A-Za-z]:/.test(text) ||
      parts.includes('..') ||
      parts.length === 0
    ) {
      this.report(
        path,
        `${JSON.stringify(text)} must be a relative path with "/" separators, inside the project (no "..")`,
      );
      return undefined;
    }
    return parts.join('/');
  }
}
