/**
 * The runtime's view of a Confluent-API schema registry over plain HTTP: schema-id lookup by
 * subject and schema (registration only when asked), writer schemas by id, basic or bearer
 * auth, a timeout on every request.
 */
import {
  RegistryRequestError,
  RegistryUnavailableError,
  SchemaNotRegisteredError,
  UnknownSchemaIdError,
} from '../errors.js';

export type RegistryAuth = { username: string; password: string } | { token: string };

export interface RegistryConfig {
  /** Base URL of the Confluent API, e.g. `http://127.0.0.1:8081/apis/ccompat/v7`. */
  url: string;
  auth?: RegistryAuth;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Per-request timeout in ms. Default 5000. */
  timeoutMs?: number;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

interface RegistryErrorBody {
  error_code?: number;
  message?: string;
}

/** A thin HTTP client for the three registry calls the runtime makes. */
export class RegistryHttpClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(config: RegistryConfig) {
    this.base = config.url.replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? 5000;
    this.headers = { Accept: CONTENT_TYPE, ...config.headers };
    if (config.auth && 'token' in config.auth) {
      this.headers.Authorization = `Bearer ${config.auth.token}`;
    } else if (config.auth) {
      const basic = Buffer.from(`${config.auth.username}:${config.auth.password}`).toString(
        'base64',
      );
      this.headers.Authorization = `Basic ${basic}`;
    }
  }

  /** The id of `schema` under `subject`; `SchemaNotRegisteredError` when it is not registered. */
  async lookup(subject: string, schema: string): Promise<number> {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    const res = await this.request('POST', path, { schema }, { subject });
    if (res.status === 404) {
      const body = await errorBody(res);
      if (!isConfluentNotFound(body)) throw this.routeError(path);
      throw new SchemaNotRegisteredError(
        `Schema is not registered under subject '${subject}' at ${this.base} (${body.message ?? `error ${body.error_code ?? 404}`}); register it with 'eventc register' or enable autoRegister`,
        404,
        body.error_code,
        { subject },
      );
    }
    return idOf(await this.json(res, path, { subject }), path);
  }

  /** Registers `schema` under `subject` (or finds it) and returns its id. */
  async register(subject: string, schema: string): Promise<number> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions`;
    const res = await this.request('POST', path, { schema }, { subject });
    return idOf(await this.json(res, path, { subject }), path);
  }

  /** Whether the registry answers (readiness probes): `GET /subjects` succeeds. */
  async reachable(): Promise<boolean> {
    try {
      const res = await this.request('GET', '/subjects', undefined, {});
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  /** The schema text with this id; `UnknownSchemaIdError` when there is none. */
  async schemaById(id: number): Promise<string> {
    const path = `/schemas/ids/${id}`;
    const res = await this.request('GET', path, undefined, { schemaId: id });
    if (res.status === 404) {
      const body = await errorBody(res);
      if (!isConfluentNotFound(body)) throw this.routeError(path);
      throw new UnknownSchemaIdError(
        `No schema with id ${id} in the registry at ${this.base} (${body.message ?? 'not found'})`,
        404,
        body.error_code,
        { schemaId: id },
      );
    }
    const body = (await this.json(res, path, { schemaId: id })) as { schema?: unknown };
    if (typeof body.schema !== 'string') {
      throw new RegistryRequestError(
        `Registry answered ${path} without a 'schema' string`,
        res.status,
      );
    }
    return body.schema;
  }

  /** A 404 without Confluent's 404xx error code: the URL does not serve the Confluent API. */
  private routeError(path: string): RegistryRequestError {
    return new RegistryRequestError(
      `Registry ${this.base} answered 404 to ${path} without a Confluent error code: this URL does not serve the Confluent Schema Registry API (for Apicurio Registry it is under /apis/ccompat/v7); check EVENTC_REGISTRY_URL`,
      404,
    );
  }

  private async request(
    method: string,
    path: string,
    body: unknown,
    context: { subject?: string; schemaId?: number },
  ): Promise<Response> {
    const url = `${this.base}${path}`;
    try {
      const res = await fetch(url, {
        method,
        headers:
          body === undefined ? this.headers : { ...this.headers, 'Content-Type': CONTENT_TYPE },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (res.status >= 500) {
        const detail = await errorBody(res);
        throw new RegistryUnavailableError(
          `Schema registry ${method} ${url} failed with HTTP ${res.status}${detail.message ? `: ${detail.message}` : ''}`,
          context,
        );
      }
      return res;
    } catch (err) {
      if (err instanceof RegistryUnavailableError) throw err;
      const timedOut =
        err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const why = timedOut ? `no answer within ${this.timeoutMs} ms` : describeFetchError(err);
      throw new RegistryUnavailableError(`Schema registry unreachable: ${method} ${url}: ${why}`, {
        ...context,
        cause: err,
      });
    }
  }

  private async json(
    res: Response,
    path: string,
    context: { subject?: string; schemaId?: number },
  ): Promise<unknown> {
    if (!res.ok) {
      const body = await errorBody(res);
      throw new RegistryRequestError(
        `Schema registry refused ${path}: HTTP ${res.status}${body.error_code ? ` (error ${body.error_code})` : ''}${body.message ? `: ${body.message}` : ''}`,
        res.status,
        body.error_code,
        context,
      );
    }
    return res.json();
  }
}

function idOf(body: unknown, path: string): number {
  const id = (body as { id?: unknown }).id;
  if (typeof id !== 'number')
    throw new RegistryRequestError(`Registry answered ${path} without a numeric 'id'`, 200);
  return id;
}

/**
 * Whether a 404's parsed body is the Confluent API's own "not found": an `error_code` of 40401
 * (subject), 40402, 40403, ... Any other 404 means the URL does not serve that API. Shared with
 * the generator's registry client.
 */
export function isConfluentNotFound(body: unknown): boolean {
  const code = (body as { error_code?: unknown } | undefined)?.error_code;
  return typeof code === 'number' && code >= 40400 && code <= 40499;
}

async function errorBody(res: Response): Promise<RegistryErrorBody> {
  try {
    const text = await res.text();
    return JSON.parse(text) as RegistryErrorBody;
  } catch {
    return {};
  }
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
