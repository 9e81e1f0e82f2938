/**
 * The code generator's formatter, prettier, loaded on first use. It is an optional
 * dependency of eventc: a service's production install leaves it out
 * (`npm ci --omit=dev --omit=optional`), and the commands a service image runs (`register`,
 * `topics`, `check`) never load it. Only generating code does, and where it is missing it
 * says so instead of failing on a bare module error.
 */
import type * as PrettierModule from 'prettier';
import { EventcError } from '../errors.js';

let prettier: Promise<typeof PrettierModule> | undefined;

export function loadPrettier(): Promise<typeof PrettierModule> {
  prettier ??= import('prettier').catch((err: unknown) => {
    prettier = undefined;
    throw missing('prettier', err);
  });
  return prettier;
}

function missing(name: string, err: unknown): Error {
  const code = (err as { code?: unknown }).code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return err as Error;
  return new EventcError(
    `generating code needs ${name}, an optional dependency of eventc that this install left out (npm --omit=optional); install eventc with its optional dependencies where code is generated, e.g. npm install --include=optional`,
  );
}
