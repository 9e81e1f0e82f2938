/**
 * How one HTTP request reaches the registry. The default is Node's global `fetch`, which
 * trusts the system CAs plus any in `NODE_EXTRA_CA_CERTS`. When the configuration gives TLS
 * material (a CA bundle, a client certificate and key for mutual TLS), requests go through
 * `node:https` with those options instead, so no extra dependency is needed.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: string;
  /** Without userinfo: credentials travel in headers only. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Header lookup, names case-insensitive. */
  header(name: string): string | undefined;
  text: string;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

/** TLS material as PEM text (already read from files). */
export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
}

/** Raised by a transport when a request took longer than its timeout. */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export const fetchTransport: Transport = async (req) => {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new RequestTimeoutError(req.timeoutMs);
    }
    throw err;
  }
  const text = await res.text();
  return { status: res.status, header: (n) => res.headers.get(n) ?? undefined, text };
};

/** A transport on `node:http`/`node:https` with the given TLS options. */
export function nodeTransport(tls: TlsOptions): Transport {
  return (req) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const url = new URL(req.url);
      const mod = url.protocol === 'https:' ? https : http;
      const headers = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const request = mod.request(url, { method: req.method, headers, ...tls }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            header: (n) => {
              const v = res.headers[n.toLowerCase()];
              return Array.isArray(v) ? v.join(', ') : v;
            },
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      const timer = setTimeout(
        () => request.destroy(new RequestTimeoutError(req.timeoutMs)),
        req.timeoutMs,
      );
      request.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      request.end(req.body);
    });
}
