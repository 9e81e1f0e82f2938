/**
 * Registry client options from the environment: one set of variables for services and for
 * the CLI (`eventc register`, `eventc check --registry`), so that whatever registry one can
 * reach, the other can too. The variables' names, never their values, appear in errors.
 *
 * The URL comes from the variable named by the caller (services: `EVENTC_REGISTRY_URL`; the
 * CLI: the manifest's `registry.urlEnv`, whose default is the same). Credentials come from the
 * variables the manifest's `registry.auth` names, which must then be set; without it, from
 * `EVENTC_REGISTRY_USERNAME` and `EVENTC_REGISTRY_PASSWORD`, or `EVENTC_REGISTRY_TOKEN`.
 */
import { readFileSync } from 'node:fs';
import { RegistryConfigError } from '../errors.js';
import type { RegistryAuth, RegistryClientOptions } from './client.js';
import { redactUrl } from './redact.js';
import type { TlsOptions } from './transport.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The registry variables every reader of this module understands, with what each means. */
export const REGISTRY_ENV = {
  EVENTC_REGISTRY_URL: 'schema registry URL (default http://127.0.0.1:8081/apis/ccompat/v7)',
  EVENTC_REGISTRY_USERNAME: 'registry basic-auth user (with EVENTC_REGISTRY_PASSWORD)',
  EVENTC_REGISTRY_PASSWORD: 'registry basic-auth password',
  EVENTC_REGISTRY_TOKEN: 'registry bearer token (instead of basic auth)',
  EVENTC_REGISTRY_HEADERS: 'extra registry request headers, "Name: value; Name2: value2"',
  EVENTC_REGISTRY_CA_FILE: 'PEM CA bundle to trust for the registry (or NODE_EXTRA_CA_CERTS)',
  EVENTC_REGISTRY_CERT_FILE: 'PEM client certificate for mutual TLS with the registry',
  EVENTC_REGISTRY_KEY_FILE: 'PEM private key of that certificate',
  EVENTC_REGISTRY_TIMEOUT_MS: 'per-request registry timeout in ms',
  EVENTC_REGISTRY_RETRIES: 'registry retries on transient failures',
} as const;

export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:8081/apis/ccompat/v7';

/** Where the URL and the credentials come from. */
export interface RegistryEnvSource {
  /** The variable holding the URL, and the URL when it is unset. */
  urlEnv: string;
  defaultUrl: string;
  /** Variables that must hold the credentials (the manifest's `registry.auth`). */
  auth?:
    | { kind: 'basic'; usernameEnv: string; passwordEnv: string }
    | { kind: 'bearer'; tokenEnv: string };
  /** Named in the error of a URL that does not serve the Confluent API. */
  urlSource?: string;
}

/** Every problem at once as a `RegistryConfigError`, or the options. */
export function registryOptionsFromEnv(
  source: RegistryEnvSource,
  env: Env = process.env,
): RegistryClientOptions {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const url = get(source.urlEnv) ?? source.defaultUrl;
  if (!isHttpUrl(url)) problems.push(`${source.urlEnv}: "${redactUrl(url)}" is not an http(s) URL`);
  const options: RegistryClientOptions = {
    url,
    urlSource: source.urlSource ?? `environment variable ${source.urlEnv}`,
  };
  const auth = source.auth ? namedAuth(source.auth, get, problems) : serviceAuth(get, problems);
  if (auth) options.auth = auth;
  try {
    const headers = parseHeaders(get('EVENTC_REGISTRY_HEADERS') ?? '');
    if (Object.keys(headers).length > 0) options.headers = headers;
  } catch (err) {
    problems.push((err as Error).message);
  }
  const tls = tlsFromEnv(get, problems);
  if (tls) options.tls = tls;
  const timeout = wholeNumber(get, 'EVENTC_REGISTRY_TIMEOUT_MS', 1, problems);
  if (timeout !== undefined) options.timeoutMs = timeout;
  const retries = wholeNumber(get, 'EVENTC_REGISTRY_RETRIES', 0, problems);
  if (retries !== undefined) options.retries = retries;
  if (problems.length > 0) throw new RegistryConfigError(problems);
  return options;
}

type Get = (name: string) => string | undefined;

function namedAuth(
  auth: NonNullable<RegistryEnvSource['auth']>,
  get: Get,
  problems: string[],
): RegistryAuth | undefined {
  const required = (name: string, what: string): string => {
    const value = get(name);
    if (value === undefined) {
      problems.push(
        `the manifest's registry auth needs the ${what} in environment variable ${name}, which is not set`,
      );
    }
    return value ?? '';
  };
  if (auth.kind === 'bearer') return { token: required(auth.tokenEnv, 'bearer token') };
  return {
    username: required(auth.usernameEnv, 'registry user name'),
    password: required(auth.passwordEnv, 'registry password'),
  };
}

function serviceAuth(get: Get, problems: string[]): RegistryAuth | undefined {
  const username = get('EVENTC_REGISTRY_USERNAME');
  const password = get('EVENTC_REGISTRY_PASSWORD');
  const token = get('EVENTC_REGISTRY_TOKEN');
  if ((username === undefined) !== (password === undefined)) {
    problems.push('EVENTC_REGISTRY_USERNAME and EVENTC_REGISTRY_PASSWORD must be set together');
    return undefined;
  }
  if (username !== undefined && password !== undefined) {
    if (token !== undefined) {
      problems.push('set either registry basic auth or EVENTC_REGISTRY_TOKEN, not both');
    }
    return { username, password };
  }
  return token === undefined ? undefined : { token };
}

/** Parses `Name: value; Name2: value2` (also one header per line). Values may contain `:`. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const part of text.split(/[;\n]/)) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    const name = colon === -1 ? '' : part.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new RegistryConfigError([
        'EVENTC_REGISTRY_HEADERS must look like "Name: value; Name2: value2"; one entry has no valid header name',
      ]);
    }
    headers[name] = part.slice(colon + 1).trim();
  }
  return headers;
}

function tlsFromEnv(get: Get, problems: string[]): TlsOptions | undefined {
  const tls: TlsOptions = {};
  const files = [
    ['ca', 'EVENTC_REGISTRY_CA_FILE'],
    ['cert', 'EVENTC_REGISTRY_CERT_FILE'],
    ['key', 'EVENTC_REGISTRY_KEY_FILE'],
  ] as const;
  for (const [key, name] of files) {
    const file = get(name);
    if (file === undefined) continue;
    try {
      tls[key] = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`cannot read ${name} file ${file} (${(err as Error).message})`);
    }
  }
  if (
    (get('EVENTC_REGISTRY_CERT_FILE') === undefined) !==
    (get('EVENTC_REGISTRY_KEY_FILE') === undefined)
  ) {
    problems.push('mutual TLS needs both EVENTC_REGISTRY_CERT_FILE and EVENTC_REGISTRY_KEY_FILE');
  }
  return Object.keys(tls).length > 0 ? tls : undefined;
}

function wholeNumber(get: Get, name: string, min: number, problems: string[]): number | undefined {
  const v = get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    problems.push(`${name} must be a whole number${min > 0 ? ' above 0' : ''}, got "${v}"`);
    return undefined;
  }
  return n;
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
