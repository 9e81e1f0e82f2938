/**
 * The one client of the Confluent Schema Registry REST API, on plain `fetch` (or `node:https`
 * when TLS files are given). Services, `eventc register` and `eventc check --registry` all use
 * it. It speaks only the endpoints every Confluent-compatible registry serves (Confluent,
 * Confluent Cloud, Apicurio's ccompat API, Redpanda, Karapace), retries transient failures
 * (connection errors, timeouts, 5xx, 429) with exponential back-off, and never lets a
 * credential reach an error message: URL userinfo becomes a basic-auth header and every secret
 * is redacted.
 */
import type { RegistryError } from '../errors.js';
import {
  RegistryRequestError,
  RegistryRouteError,
  RegistryUnavailableError,
  SchemaNotRegisteredError,
  UnknownSchemaIdError,
  type RegistryErrorOptions,
} from '../errors.js';
import { Redactor, redactUrl } from './redact.js';
import { fetchTransport, nodeTransport, RequestTimeoutError } from './transport.js';
import type { HttpResponse, TlsOptions, Transport } from './transport.js';

export type RegistryAuth = { username: string; password: string } | { token: string };

/** A registry's compatibility level, as the Confluent API names it. */
export type RegistryLevel =
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE'
  | 'NONE';

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
  /** Where the URL came from, named in the error of a URL that does not serve the API. */
  urlSource?: string;
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

/** What the request is about, carried by its errors. */
interface About {
  subject?: string;
  schemaId?: number;
}

interface CallOptions {
  /** A Confluent 404 (error code 404xx) answers `undefined` instead of failing. */
  notFoundOk?: boolean;
  /** The error of a Confluent 404, from the registry's answer (e.g. an unknown schema id). */
  notFound?: (answer: RegistryRequestError) => RegistryError;
  /** One attempt, no retries (readiness probes). */
  once?: boolean;
  about?: About;
}

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
  private readonly urlSource: string | undefined;

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
    this.urlSource = options.urlSource;
  }

  /** The registered version and id of `schema` under `subject`, or undefined when absent. */
  async lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined> {
    const body = await this.call(
      'POST',
      `/subjects/${enc(subject)}`,
      { schema },
      {
        notFoundOk: true,
        about: { subject },
      },
    );
    return body === undefined ? undefined : toRegistered(body, subject);
  }

  /** The id of `schema` under `subject`; `SchemaNotRegisteredError` when it is not registered. */
  async idOf(subject: string, schema: string): Promise<number> {
    const path = `/subjects/${enc(subject)}`;
    const body = await this.call(
      'POST',
      path,
      { schema },
      {
        about: { subject },
        notFound: (answer) =>
          new SchemaNotRegisteredError(
            `schema is not registered under subject '${subject}' at ${this.displayUrl} (${answer.reason}); register it with 'eventc register' or enable autoRegister`,
            answer.details,
          ),
      },
    );
    return idIn(body, path);
  }

  /** Registers `schema` as the next version of `subject` (or finds it); returns its id. */
  async register(subject: string, schema: string): Promise<number> {
    const path = `/subjects/${enc(subject)}/versions`;
    return idIn(await this.call('POST', path, { schema }, { about: { subject } }), path);
  }

  /** The schema text registered under `id`; `UnknownSchemaIdError` when there is none. */
  async schemaById(id: number): Promise<string> {
    const path = `/schemas/ids/${id}`;
    const body = await this.call('GET', path, undefined, {
      about: { schemaId: id },
      notFound: (answer) =>
        new UnknownSchemaIdError(
          `no schema with id ${id} in the registry at ${this.displayUrl} (${answer.reason})`,
          answer.details,
        ),
    });
    const schema = (body as { schema?: unknown } | null)?.schema;
    if (typeof schema !== 'string') {
      throw new RegistryRequestError(
        `registry ${this.displayUrl} answered GET ${path} without a 'schema' string`,
        { method: 'GET', url: this.displayUrl + path, status: 200, schemaId: id },
      );
    }
    return schema;
  }

  /** Whether the registry answers (readiness probes): one `GET /subjects` succeeds. */
  async reachable(): Promise<boolean> {
    try {
      await this.call('GET', '/subjects', undefined, { once: true });
      return true;
    } catch {
      return false;
    }
  }

  /** The level the registry reports for `subject` (Apicurio: the global level), or undefined. */
  async subjectLevel(subject: string): Promise<RegistryLevel | undefined> {
    return levelOf(
      await this.call('GET', `/config/${enc(subject)}`, undefined, { notFoundOk: true }),
    );
  }

  async globalLevel(): Promise<RegistryLevel | undefined> {
    return levelOf(await this.call('GET', '/config'));
  }

  /** Sets the subject's level; Apicurio answers 404 while the subject has no version. */
  async setSubjectLevel(subject: string, level: RegistryLevel): Promise<void> {
    await this.call('PUT', `/config/${enc(subject)}`, { compatibility: level });
  }

  /** Version numbers of `subject`, ascending; empty when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    const body = await this.call('GET', `/subjects/${enc(subject)}/versions`, undefined, {
      notFoundOk: true,
    });
    return Array.isArray(body) ? body.map(Number).sort((a, b) => a - b) : [];
  }

  async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const body = await this.call('GET', `/subjects/${enc(subject)}/versions/${version}`);
    return toRegistered(body, subject);
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
    const path = `/subjects/${enc(subject)}`;
    await this.call('DELETE', path, undefined, { notFoundOk: true });
    if (permanent)
      await this.call('DELETE', `${path}?permanent=true`, undefined, { notFoundOk: true });
  }

  /**
   * One request with retries. Answers 2xx as parsed JSON; a Confluent 404 as undefined when
   * `notFoundOk`; anything else throws a `RegistryError` carrying status and error_code.
   */
  private async call(
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
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
    const retries = options.once ? 0 : this.opts.retries;
    for (let attempt = 0; ; attempt += 1) {
      let failure: RegistryError;
      let retryAfterMs: number | undefined;
      try {
        const res = await this.transport(request);
        if (res.status >= 200 && res.status < 300) return parseBody(res.text);
        if (res.status === 404 && !isConfluentNotFound(tryParse(res.text))) {
          failure = this.routeError(method, path); // not retriable: thrown below at once
        } else if (res.status === 404 && options.notFoundOk) {
          return undefined;
        } else {
          failure = this.answerError(method, path, res, options.about);
          retryAfterMs = retryAfter(res);
          if (res.status === 404 && options.notFound && failure instanceof RegistryRequestError) {
            failure = options.notFound(failure);
          }
        }
      } catch (err) {
        failure = this.transportError(method, path, err, options.about);
      }
      if (!failure.retriable || attempt >= retries) throw failure;
      const backoff = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** attempt);
      const delayMs = Math.min(Math.max(backoff, retryAfterMs ?? 0), 30_000);
      this.onRetry?.({ attempt: attempt + 1, delayMs, reason: failure.message });
      await this.sleep(delayMs);
    }
  }

  /** An answer other than 2xx: unavailable (5xx, 429, 408, retriable) or refused. */
  private answerError(
    method: string,
    path: string,
    res: HttpResponse,
    about: About = {},
  ): RegistryError {
    const parsed = tryParse(res.text) as { error_code?: unknown; message?: unknown } | undefined;
    const errorCode = typeof parsed?.error_code === 'number' ? parsed.error_code : undefined;
    const reason = this.redactor.text(
      (typeof parsed?.message === 'string' ? parsed.message : res.text.trim().slice(0, 300)) ||
        'no reason given',
    );
    const code = errorCode === undefined ? '' : ` (error ${errorCode})`;
    const message = `registry ${this.displayUrl} answered ${res.status}${code} to ${method} ${path}: ${reason}`;
    const details: RegistryErrorOptions = {
      ...about,
      method,
      url: this.displayUrl + path,
      status: res.status,
      reason,
      ...(errorCode === undefined ? {} : { errorCode }),
    };
    const unavailable = res.status >= 500 || res.status === 429 || res.status === 408;
    return unavailable
      ? new RegistryUnavailableError(message, details)
      : new RegistryRequestError(message, details);
  }

  /**
   * A 404 without Confluent's `error_code` (404xx): the URL serves something, but not the
   * Confluent API under this path. Most often Apicurio's root without `/apis/ccompat/v7`.
   */
  private routeError(method: string, path: string): RegistryRouteError {
    const hint = /\/apis\/ccompat\/v\d+$/.test(this.base)
      ? 'check the URL: Apicurio Registry serves the Confluent API under /apis/ccompat/v7'
      : `for Apicurio Registry the Confluent API is under /apis/ccompat/v7: try ${this.displayUrl}/apis/ccompat/v7`;
    const source = this.urlSource ? ` (the registry URL comes from ${this.urlSource})` : '';
    return new RegistryRouteError(
      `registry ${this.displayUrl} answered 404 to ${method} ${path} without a Confluent error code: this URL does not serve the Confluent Schema Registry API; ${hint}${source}`,
      { method, url: this.displayUrl + path, status: 404, reason: 'not the Confluent API' },
    );
  }

  /** No answer: unavailable; retriable when the failure is transient (refused, timed out). */
  private transportError(
    method: string,
    path: string,
    err: unknown,
    about: About = {},
  ): RegistryError {
    const code = errorCodeOf(err);
    const retriable =
      err instanceof RequestTimeoutError || (code !== undefined && TRANSIENT_CODES.has(code));
    const message = `cannot reach registry ${this.displayUrl} (${method} ${path}): ${this.redactor.errorChain(err)}`;
    // The cause is not attached: its message may hold a secret; the text above is redacted.
    return new RegistryUnavailableError(message, {
      ...about,
      method,
      url: this.displayUrl + path,
      retriable,
    });
  }
}

/**
 * Whether a 404's parsed body is the Confluent API's own "not found": an `error_code` of 40401
 * (subject), 40402, 40403, ... Any other 404 means the URL does not serve that API.
 */
export function isConfluentNotFound(body: unknown): boolean {
  const code = (body as { error_code?: unknown } | undefined)?.error_code;
  return typeof code === 'number' && code >= 40400 && code <= 40499;
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

function idIn(body: unknown, path: string): number {
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== 'number') {
    throw new RegistryRequestError(`registry answered ${path} without a numeric 'id'`, {
      status: 200,
    });
  }
  return id;
}

function levelOf(body: unknown): RegistryLevel | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { compatibilityLevel?: unknown; compatibility?: unknown };
  const level = b.compatibilityLevel ?? b.compatibility;
  return typeof level === 'string' ? (level as RegistryLevel) : undefined;
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
