/**
 * Registry client options from the manifest's registry section and the environment.
 * Credentials are only ever read from environment variables the manifest names; the
 * variables' names, never their values, appear in error messages.
 *
 * | variable                      | meaning                                                 |
 * |-------------------------------|---------------------------------------------------------|
 * | manifest `registry.urlEnv`    | registry base URL (default from the manifest)           |
 * | manifest auth variables       | basic-auth user/password, or a bearer token             |
 * | `EVENTC_REGISTRY_HEADERS`     | extra headers, `Name: value; Name2: value2`             |
 * | `EVENTC_REGISTRY_CA_FILE`     | PEM CA bundle to trust (or use `NODE_EXTRA_CA_CERTS`)   |
 * | `EVENTC_REGISTRY_CERT_FILE`   | PEM client certificate for mutual TLS                   |
 * | `EVENTC_REGISTRY_KEY_FILE`    | PEM private key of that certificate                     |
 * | `EVENTC_REGISTRY_TIMEOUT_MS`  | per-request timeout (default 10000)                     |
 * | `EVENTC_REGISTRY_RETRIES`     | retries on transient failures (default 5)               |
 */
import { readFileSync } from 'node:fs';
import type { RegistryConfig } from '../model/contract.js';
import { RegistryConfigError } from './errors.js';
import type { RegistryAuth, RegistryClientOptions } from './http.js';
import type { TlsOptions } from './transport.js';

export type Env = Readonly<Record<string, string | undefined>>;

export function registryOptionsFromEnv(
  config: RegistryConfig,
  env: Env = process.env,
): RegistryClientOptions {
  const options: RegistryClientOptions = { url: env[config.urlEnv] || config.defaultUrl };
  const auth = authFromEnv(config, env);
  if (auth) options.auth = auth;
  const headers = parseHeaders(env.EVENTC_REGISTRY_HEADERS ?? '');
  if (Object.keys(headers).length > 0) options.headers = headers;
  const tls = tlsFromEnv(env);
  if (tls) options.tls = tls;
  const timeout = positiveInt(env, 'EVENTC_REGISTRY_TIMEOUT_MS');
  if (timeout !== undefined) options.timeoutMs = timeout;
  const retries = positiveInt(env, 'EVENTC_REGISTRY_RETRIES', true);
  if (retries !== undefined) options.retries = retries;
  return options;
}

function authFromEnv(config: RegistryConfig, env: Env): RegistryAuth | undefined {
  const auth = config.auth;
  if (!auth) return undefined;
  if (auth.kind === 'bearer') return { token: required(env, auth.tokenEnv, 'bearer token') };
  return {
    username: required(env, auth.usernameEnv, 'registry user name'),
    password: required(env, auth.passwordEnv, 'registry password'),
  };
}

function required(env: Env, name: string, what: string): string {
  const value = env[name];
  if (!value) {
    throw new RegistryConfigError(
      `the manifest's registry auth needs the ${what} in environment variable ${name}, which is not set`,
    );
  }
  return value;
}

/** Parses `Name: value; Name2: value2` (also one header per line). Values may contain `:`. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const part of text.split(/[;\n]/)) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    const name = colon === -1 ? '' : part.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new RegistryConfigError(
        'EVENTC_REGISTRY_HEADERS must look like "Name: value; Name2: value2"; one entry has no valid header name',
      );
    }
    headers[name] = part.slice(colon + 1).trim();
  }
  return headers;
}

function tlsFromEnv(env: Env): TlsOptions | undefined {
  const tls: TlsOptions = {};
  const files = [
    ['ca', 'EVENTC_REGISTRY_CA_FILE'],
    ['cert', 'EVENTC_REGISTRY_CERT_FILE'],
    ['key', 'EVENTC_REGISTRY_KEY_FILE'],
  ] as const;
  for (const [key, name] of files) {
    const file = env[name];
    if (!file) continue;
    try {
      tls[key] = readFileSync(file, 'utf8');
    } catch (err) {
      throw new RegistryConfigError(`cannot read ${name} file ${file}`, { cause: err });
    }
  }
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    throw new RegistryConfigError(
      'mutual TLS needs both EVENTC_REGISTRY_CERT_FILE and EVENTC_REGISTRY_KEY_FILE',
    );
  }
  return Object.keys(tls).length > 0 ? tls : undefined;
}

function positiveInt(env: Env, name: string, zeroOk = false): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) {
    throw new RegistryConfigError(`${name} must be a whole number, got "${v}"`);
  }
  return n;
}
