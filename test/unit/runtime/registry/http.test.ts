import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  nodeTransport,
  parseHeaders,
  RegistryClient,
  RegistryConfigError,
  RegistryError,
  registryOptionsFromEnv,
  RegistryRouteError,
  type RegistryClientOptions,
} from 'eventc/runtime';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = (seen: Seen, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
async function closeAll(): Promise<void> {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
}
afterEach(closeAll);

/** A fake registry answering the n-th request with replies[n] (the last one repeats). */
async function fake(...replies: Reply[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(s);
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      reply?.(s, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/apis/ccompat/v7`, seen };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (_s, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

function client(url: string, extra: Partial<RegistryClientOptions> = {}) {
  const delays: number[] = [];
  const c = new RegistryClient({
    url,
    sleep: async (ms) => void delays.push(ms),
    backoffMs: 100,
    maxBackoffMs: 1000,
    ...extra,
  });
  return { c, delays };
}

async function failure(p: Promise<unknown>): Promise<RegistryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryError);
  return err as RegistryError;
}

describe('RegistryClient retries', () => {
  it('retries 5xx with doubling back-off, then succeeds', async () => {
    const f = await fake(
      json(503, { error_code: 50003, message: 'busy' }),
      json(500, {}),
      json(200, { id: 7 }),
    );
    const { c, delays } = client(f.url);
    await expect(c.register('t-value', '"string"')).resolves.toBe(7);
    expect(f.seen).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
    expect(f.seen[0]?.url).toBe('/apis/ccompat/v7/subjects/t-value/versions');
    expect(f.seen[0]?.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
    expect(JSON.parse(f.seen[0]?.body ?? '')).toEqual({ schema: '"string"' });
  });

  it('honours Retry-After on 429', async () => {
    const f = await fake(
      json(429, { message: 'slow down' }, { 'retry-after': '2' }),
      json(200, ['a']),
    );
    const { c, delays } = client(f.url);
    await expect(c.subjects()).resolves.toEqual(['a']);
    expect(delays).toEqual([2000]);
  });

  it('gives up after the configured retries with a retriable error', async () => {
    const f = await fake(json(502, { message: 'bad gateway' }));
    const { c, delays } = client(f.url, { retries: 3 });
    const err = await failure(c.subjects());
    expect(f.seen).toHaveLength(4);
    expect(delays).toEqual([100, 200, 400]);
    expect(err.retriable).toBe(true);
    expect(err.status).toBe(502);
  });

  it('does not retry a rejection and carries error_code and message', async () => {
    const f = await fake(
      json(409, { error_code: 40901, message: 'Schema being registered is incompatible' }),
    );
    const { c } = client(f.url);
    const err = await failure(c.register('s', '"int"'));
    expect(f.seen).toHaveLength(1);
    expect(err.status).toBe(409);
    expect(err.errorCode).toBe(40901);
    expect(err.isRejection).toBe(true);
    expect(err.retriable).toBe(false);
    expect(err.message).toContain('Schema being registered is incompatible');
    expect(err.message).toContain('POST /subjects/s/versions');
  });

  it('retries refused connections', async () => {
    const f = await fake(json(200, []));
    const url = f.url;
    await closeAll();
    const { c, delays } = client(url, { retries: 2 });
    const err = await failure(c.subjects());
    expect(delays).toHaveLength(2);
    expect(err.retriable).toBe(true);
    expect(err.status).toBeUndefined();
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('times out a request that gets no answer, and retries it', async () => {
    const f = await fake(() => undefined, json(200, ['late']));
    const { c, delays } = client(f.url, { timeoutMs: 200 });
    await expect(c.subjects()).resolves.toEqual(['late']);
    expect(delays).toEqual([100]);
  });

  it('answers 404 on lookup as not registered', async () => {
    const f = await fake(json(404, { error_code: 40403, message: 'Schema not found' }));
    const { c } = client(f.url);
    await expect(c.lookup('s', '"int"')).resolves.toBeUndefined();
    expect(f.seen).toHaveLength(1);
  });

  it('says the route is wrong for a 404 without a Confluent error code, at once', async () => {
    // What Apicurio's root answers for /subjects/...: its own 404, not Confluent's 40401.
    const f = await fake(
      json(404, { title: 'RESTEASY003210: Could not find resource', status: 404 }),
    );
    const root = f.url.replace(/\/apis\/ccompat\/v7$/, '');
    const { c, delays } = client(root, {
      urlSource: "the manifest's registry.urlEnv variable, else registry.defaultUrl",
    });
    const err = await c.versions('orders-value').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryRouteError);
    expect((err as RegistryError).retriable).toBe(false);
    expect((err as Error).message).toBe(
      `registry ${root} answered 404 to GET /subjects/orders-value/versions without a Confluent error code: this URL does not serve the Confluent Schema Registry API; for Apicurio Registry the Confluent API is under /apis/ccompat/v7: try ${root}/apis/ccompat/v7 (the registry URL comes from the manifest's registry.urlEnv variable, else registry.defaultUrl)`,
    );
    expect(delays).toEqual([]);
    // A subject Confluent does not know is an empty list, as before.
    const known = await fake(json(404, { error_code: 40401, message: 'Subject not found' }));
    await expect(client(known.url).c.versions('orders-value')).resolves.toEqual([]);
  });
});

describe('RegistryClient credentials', () => {
  it('turns URL userinfo into basic auth and never shows it', async () => {
    const echo: Reply = (s, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 400, message: `bad auth ${s.headers.authorization}` }));
    };
    const f = await fake(echo);
    const url = f.url.replace('http://', 'http://alice:s%3Acret@');
    const { c } = client(url);
    expect(c.displayUrl).not.toContain('alice');
    const err = await failure(c.subjects());
    const expected = `Basic ${Buffer.from('alice:s:cret').toString('base64')}`;
    expect(f.seen[0]?.headers.authorization).toBe(expected);
    for (const text of [err.message, err.url, JSON.stringify(err), String(err.stack)]) {
      expect(text).not.toContain('s:cret');
      expect(text).not.toContain('s%3Acret');
      expect(text).not.toContain(expected.slice(6));
    }
    expect(err.message).toContain('bad auth Basic ***');
  });

  it('sends bearer tokens and custom headers, and redacts them in errors', async () => {
    const echo: Reply = (s, res) => {
      res.writeHead(403);
      res.end(`forbidden: ${s.headers.authorization} key=${s.headers['x-api-key']}`);
    };
    const f = await fake(echo);
    const { c } = client(f.url, { auth: { token: 'tok-123' }, headers: { 'X-Api-Key': 'k-456' } });
    const err = await failure(c.subjects());
    expect(f.seen[0]?.headers.authorization).toBe('Bearer tok-123');
    expect(f.seen[0]?.headers['x-api-key']).toBe('k-456');
    expect(err.message).toBe(
      `registry ${c.displayUrl} answered 403 to GET /subjects: forbidden: Bearer *** key=***`,
    );
  });

  it('reads auth from the variables the manifest names', () => {
    const source = {
      urlEnv: 'REG_URL',
      defaultUrl: 'http://127.0.0.1:1',
      auth: { kind: 'basic' as const, usernameEnv: 'REG_USER', passwordEnv: 'REG_PASS' },
    };
    const opts = registryOptionsFromEnv(source, {
      REG_URL: 'https://r.example',
      REG_USER: 'u',
      REG_PASS: 'p',
      EVENTC_REGISTRY_HEADERS: 'X-A: 1; X-B: a:b',
      EVENTC_REGISTRY_RETRIES: '0',
    });
    expect(opts).toEqual({
      url: 'https://r.example',
      urlSource: 'environment variable REG_URL',
      auth: { username: 'u', password: 'p' },
      headers: { 'X-A': '1', 'X-B': 'a:b' },
      retries: 0,
    });
    expect(() => registryOptionsFromEnv(source, { REG_USER: 'u' })).toThrow(
      /environment variable REG_PASS, which is not set/,
    );
  });

  it("reads the services' variables when the manifest names none, every problem at once", () => {
    const source = { urlEnv: 'EVENTC_REGISTRY_URL', defaultUrl: 'http://127.0.0.1:8081' };
    expect(registryOptionsFromEnv(source, { EVENTC_REGISTRY_TOKEN: 't' })).toMatchObject({
      url: 'http://127.0.0.1:8081',
      auth: { token: 't' },
    });
    const err = (() => {
      try {
        registryOptionsFromEnv(source, {
          EVENTC_REGISTRY_URL: 'ftp://x',
          EVENTC_REGISTRY_USERNAME: 'u',
          EVENTC_REGISTRY_TIMEOUT_MS: '0',
          EVENTC_REGISTRY_CERT_FILE: '/nowhere/client.crt',
        });
      } catch (e) {
        return e as RegistryConfigError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(RegistryConfigError);
    expect(err?.problems).toEqual([
      'EVENTC_REGISTRY_URL: "ftp://x" is not an http(s) URL',
      'EVENTC_REGISTRY_USERNAME and EVENTC_REGISTRY_PASSWORD must be set together',
      expect.stringContaining('cannot read EVENTC_REGISTRY_CERT_FILE file /nowhere/client.crt'),
      'mutual TLS needs both EVENTC_REGISTRY_CERT_FILE and EVENTC_REGISTRY_KEY_FILE',
      'EVENTC_REGISTRY_TIMEOUT_MS must be a whole number above 0, got "0"',
    ]);
  });

  it('rejects malformed header lists without echoing values', () => {
    expect(parseHeaders('A: 1\nB: 2;')).toEqual({ A: '1', B: '2' });
    expect(() => parseHeaders('secret-without-name')).toThrow(/EVENTC_REGISTRY_HEADERS/);
    let message = '';
    try {
      parseHeaders('secret-without-name');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('secret-without-name');
  });
});

describe('nodeTransport', () => {
  it('performs requests with a body and reads headers', async () => {
    const f = await fake(json(200, { id: 3 }, { 'x-thing': 'yes' }));
    const res = await nodeTransport({})({
      method: 'POST',
      url: `${f.url}/subjects/a/versions`,
      headers: { 'content-type': 'application/json' },
      body: '{"schema":"\\"int\\""}',
      timeoutMs: 5000,
    });
    expect(res.status).toBe(200);
    expect(res.header('X-Thing')).toBe('yes');
    expect(JSON.parse(res.text)).toEqual({ id: 3 });
    expect(f.seen[0]?.body).toBe('{"schema":"\\"int\\""}');
  });
});
