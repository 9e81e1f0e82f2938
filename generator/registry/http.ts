/**
 * A small client for the Confluent Schema Registry REST API, on plain `fetch`. It speaks
 * only the endpoints every Confluent-compatible registry serves (Confluent, Confluent Cloud,
 * Apicurio's ccompat API, Redpanda, Karapace), retries transient failures (connection
 * errors, timeouts, 5xx, 429) with exponential back-off, and never lets a credential reach
 * an error message: URL userinfo becomes a basic-auth header and every secret is redacted.
 */
import { isConfluentNotFound } from '../../runtime/registry/client.js';
import type { CompatibilityLevel } from '../model/contract.js';
import { RegistryError, RegistryRouteError } from './errors.js';
import { Redactor, redactUrl } from './redact.js';
import { fetchTransport, nodeTransport, RequestTimeoutError } from './transport.js';
import type { HttpResponse, TlsOptions, Transport } from './transport.js';

export type RegistryAuth = { username: string; password: string } | { token: string };

export interface RegistryClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8081/apis/ccompat/v7`; userinfo becomes basic auth. */
  url: string;
  auth?: RegistryAuth;
  /** Extra headers on every request; their values are treated as secrets. */
  headers?: Record<string, string>;
  /** CA bundle and client certificate (PEM); switches to the `node:https` transport. */
  tls?: TlsOptions;
  /** Per attempt. Default 10 000 ms. */
  timeoutMs?: number;
  /** Further attempts after the first on transient failures. Default 5. */
  retries?: number;
  /** First back-off delay, doubled per attempt. Default 200 ms. */
  backoffMs?: number;
  /** Longest back-off delay. Default 5 000 ms. */
  maxBackoffMs?: number;
  transport?: Transport;
  sleep?: (ms: number) => Promise<void>;
  /** Called before each retry, e.g. to log progress; the reason is redacted. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface RegisteredSchema {
  subject: string;
  id: number;
  version: number;
  schema: string;
}

export interface CompatibilityAnswer {
  isCompatible: boolean;
  messages: string[];
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const ACCEPT = `${CONTENT_TYPE}, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5`;
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export class RegistryClient {
  /** The base URL without credentials, safe to print. */
  readonly displayUrl: string;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly redactor: Redactor;
  private readonly transport: Transport;
  private readonly opts: Required<
    Pick<RegistryClientOptions, 'timeoutMs' | 'retries' | 'backoffMs' | 'maxBackoffMs'>
  >;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onRetry: RegistryClientOptions['onRetry'];

  constructor(options: RegistryClientOptions) {
    const url = new URL(options.url);
    const userinfo = url.username
      ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : undefined;
    url.username = '';
    url.password = '';
    this.base = url.toString().replace(/\/+$/, '');
    this.displayUrl = redactUrl(this.base);
    const auth = options.auth ?? userinfo;
    this.redactor = new Redactor(Object.values(options.headers ?? {}));
    this.headers = { accept: ACCEPT, ...lowerKeys(options.headers ?? {}) };
    if (auth && 'token' in auth) {
      this.redactor.add(auth.token);
      this.headers.authorization = `Bearer ${auth.token}`;
    } else if (auth) {
      this.redactor.add(auth.password);
      const basic = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      this.redactor.add(basic);
      this.headers.authorization = `Basic ${basic}`;
    }
    this.transport =
      options.transport ?? (options.tls ? nodeTransport(options.tls) : fetchTransport);
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 5,
      backoffMs: options.backoffMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
    };
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.onRetry = options.onRetry;
  }

  /** The registered version and id of `schema` under `subject`, or undefined when absent. */
  async lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined> {
    const body = await this.call('POST', `/subjects/${enc(subject)}`, { schema }, true);
    return body === undefined ? undefined : toRegistered(body, subject);
  }

  /** Registers `schema` as the next version of `subject`; returns its schema id. */
  async register(subject: string, schema: string): Promise<number> {
    const body = await this.call('POST', `/subjects/${enc(subject)}/versions`, { schema });
    return Number((body as { id: unknown }).id);
  }

  /** The level the registry reports for `subject` (Apicurio: the global level), or undefined. */
  async subjectLevel(subject: string): Promise<CompatibilityLevel | undefined> {
    return levelOf(await this.call('GET', `/config/${enc(subject)}`, undefined, true));
  }

  async globalLevel(): Promise<CompatibilityLevel | undefined> {
    return levelOf(await this.call('GET', '/config'));
  }

  /** Sets the subject's level; Apicurio answers 404 while the subject has no version. */
  async setSubjectLevel(subject: string, level: CompatibilityLevel): Promise<void> {
    await this.call('PUT', `/config/${enc(subject)}`, { compatibility: level });
  }

  /** Version numbers of `subject`, ascending; empty when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    const body = await this.call('GET', `/subjects/${enc(subject)}/versions`, undefined, true);
    return Array.isArray(body) ? body.map(Number).sort((a, b) => a - b) : [];
  }

  async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const body = await this.call('GET', `/subjects/${enc(subject)}/versions/${version}`);
    return toRegistered(body, subject);
  }

  /** The schema text registered under `id`. */
  async schemaById(id: number): Promise<string> {
    const body = await this.call('GET', `/schemas/ids/${id}`);
    return String((body as { schema: unknown }).schema);
  }

  async subjects(): Promise<string[]> {
    const body = await this.call('GET', '/subjects');
    return Array.isArray(body) ? body.map(String) : [];
  }

  /** Asks the registry whether `schema` could be registered under `subject` now. */
  async testCompatibility(subject: string, schema: string): Promise<CompatibilityAnswer> {
    const path = `/compatibility/subjects/${enc(subject)}/versions/latest?verbose=true`;
    const body = (await this.call('POST', path, { schema })) as {
      is_compatible?: unknown;
      messages?: unknown;
    };
    const messages = Array.isArray(body.messages) ? body.messages.map(String) : [];
    return { isCompatible: body.is_compatible === true, messages };
  }

  /** Deletes a subject (soft, then permanently when asked). Missing subjects are fine. */
  async deleteSubject(subject: string, permanent = false): Promise<void> {
    await this.call('DELETE', `/subjects/${enc(subject)}`, undefined, true);
    if (permanent) {
      await this.call('DELETE', `/subjects/${enc(subject)}?permanent=true`, undefined, true);
    }
  }

  /**
   * One request with retries. Answers 2xx as parsed JSON; 404 as undefined when
   * `notFoundOk`; anything else throws a RegistryError carrying status and error_code.
   */
  private async call(
    method: string,
    path: string,
    body?: unknown,
    notFoundOk = false,
  ): Promise<unknown> {
    const url = this.base + path;
    const headers = { ...this.headers };
    if (body !== undefined) headers['content-type'] = CONTENT_TYPE;
    const request = {
      method,
      url,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: this.opts.timeoutMs,
    };
    for (let attempt = 0; ; attempt += 1) {
      let failure: RegistryError;
      let retryAfterMs: number | undefined;
      try {
        const res = await this.transport(request);
        if (res.status >= 200 && res.status < 300) return parseBody(res.text);
        if (res.status === 404 && !isConfluentNotFound(tryParse(res.text))) {
          failure = this.routeError(method, path); // not retriable: thrown below at once
        } else if (res.status === 404 && notFoundOk) {
          return undefined;
        } else {
          failure = this.answerError(method, path, res);
          retryAfterMs = retryAfter(res);
        }
      } catch (err) {
        failure = this.transportError(method, path, err);
      }
      if (!failure.retriable || attempt >= this.opts.retries) throw failure;
      const backoff = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** attempt);
      const delayMs = Math.min(Math.max(backoff, retryAfterMs ?? 0), 30_000);
      this.onRetry?.({ attempt: attempt + 1, delayMs, reason: failure.message });
      await this.sleep(delayMs);
    }
  }

  private answerError(method: string, path: string, res: HttpResponse): RegistryError {
    const parsed = tryParse(res.text) as { error_code?: unknown; message?: unknown } | undefined;
    const errorCode = typeof parsed?.error_code === 'number' ? parsed.error_code : undefined;
    const reason =
      typeof parsed?.message === 'string' ? parsed.message : res.text.trim().slice(0, 300);
    const code = errorCode === undefined ? '' : ` (error ${errorCode})`;
    const message = this.redactor.text(
      `registry ${this.displayUrl} answered ${res.status}${code} to ${method} ${path}: ${reason || 'no reason given'}`,
    );
    const retriable = res.status >= 500 || res.status === 429 || res.status === 408;
    return new RegistryError(message, {
      method,
      url: this.displayUrl + path,
      status: res.status,
      errorCode,
      retriable,
    });
  }

  /**
   * A 404 without Confluent's `error_code` (404xx): the URL serves something, but not the
   * Confluent API under this path. Most often Apicurio's root without `/apis/ccompat/v7`.
   */
  private routeError(method: string, path: string): RegistryRouteError {
    const hint = /\/apis\/ccompat\/v\d+$/.test(this.base)
      ? 'check the URL: Apicurio Registry serves the Confluent API under /apis/ccompat/v7'
      : `for Apicurio Registry the Confluent API is under /apis/ccompat/v7: try ${this.displayUrl}/apis/ccompat/v7`;
    return new RegistryRouteError(
      `registry ${this.displayUrl} answered 404 to ${method} ${path} without a Confluent error code: this URL does not serve the Confluent Schema Registry API; ${hint} (the registry URL comes from the manifest's registry.urlEnv variable, else registry.defaultUrl)`,
      { method, url: this.displayUrl + path, status: 404, retriable: false },
    );
  }

  private transportError(method: string, path: string, err: unknown): RegistryError {
    const code = errorCodeOf(err);
    const retriable =
      err instanceof RequestTimeoutError || (code !== undefined && TRANSIENT_CODES.has(code));
    const message = `cannot reach registry ${this.displayUrl} (${method} ${path}): ${this.redactor.errorChain(err)}`;
    // The cause is not attached: its message may hold a secret; the text above is redacted.
    return new RegistryError(message, { method, url: this.displayUrl + path, retriable });
  }
}

function enc(subject: string): string {
  return encodeURIComponent(subject);
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseBody(text: string): unknown {
  return text.trim() === '' ? null : (tryParse(text) ?? text);
}

function retryAfter(res: HttpResponse): number | undefined {
  const v = res.header('retry-after');
  const seconds = v === undefined ? NaN : Number(v);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The error code of a transport failure or of the first cause that has one. */
function errorCodeOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = e.cause;
  }
  return undefined;
}

function levelOf(body: unknown): CompatibilityLevel | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { compatibilityLevel?: unknown; compatibility?: unknown };
  const level = b.compatibilityLevel ?? b.compatibility;
  return typeof level === 'string' ? (level as CompatibilityLevel) : undefined;
}

function toRegistered(body: unknown, subject: string): RegisteredSchema {
  const b = body as { subject?: unknown; id?: unknown; version?: unknown; schema?: unknown };
  return {
    subject: typeof b.subject === 'string' ? b.subject : subject,
    id: Number(b.id),
    version: Number(b.version),
    schema: typeof b.schema === 'string' ? b.schema : '',
  };
}
