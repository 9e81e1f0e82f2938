/**
 * The code generator's own tools, prettier and handlebars, loaded on first use. They are
 * optional dependencies of eventc: a service's production install leaves them out
 * (`npm ci --omit=dev --omit=optional`), and the commands a service image runs (`register`,
 * `topics`, `check`) never load them. Only generating code does, and where they are missing
 * it says so instead of failing on a bare module error.
 */
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import type * as PrettierModule from 'prettier';
import { EventcError } from '../errors.js';

const require = createRequire(import.meta.url);

let handlebars: typeof HandlebarsModule | undefined;
let prettier: Promise<typeof PrettierModule> | undefined;

/** handlebars (CommonJS, so loaded synchronously). */
export function loadHandlebars(): typeof HandlebarsModule {
  if (!handlebars) {
    try {
      handlebars = require('handlebars') as typeof HandlebarsModule;
    } catch (err) {
      throw missing('handlebars', err);
    }
  }
  return handlebars;
}

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
