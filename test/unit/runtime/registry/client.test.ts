import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RegistryClient,
  RegistryRequestError,
  RegistryUnavailableError,
  SchemaNotRegisteredError,
  UnknownSchemaIdError,
} from 'eventc/runtime';

// An in-process stand-in for the registry's three endpoints, recording the requests.
const requests: { method: string; url: string; auth?: string; body: string; type?: string }[] = [];
let server: Server;
let base: string;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void body(req).then((text) => {
      requests.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        body: text,
        type: req.headers['content-type'],
      });
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.url === '/subjects') return send(200, ['known-value']);
      if (req.url === '/subjects/known-value')
        return send(200, { subject: 'known-value', id: 7, version: 1 });
      if (req.url === '/subjects/unknown-value')
        return send(404, { error_code: 40403, message: 'Schema not found' });
      if (req.url === '/subjects/new-value/versions') return send(200, { id: 9 });
      if (req.url === '/schemas/ids/7') return send(200, { schema: '"string"' });
      if (req.url === '/schemas/ids/8')
        return send(404, { error_code: 40403, message: 'Schema 8 not found' });
      if (req.url === '/schemas/ids/500')
        return send(500, { error_code: 50001, message: 'store down' });
      if (req.url === '/schemas/ids/401')
        return send(401, { error_code: 40101, message: 'unauthorised' });
      send(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('RegistryClient', () => {
  it('looks ids up by subject and schema, with the registry content type', async () => {
    const id = await new RegistryClient({ retries: 0, url: `${base}/` }).idOf(
      'known-value',
      '"string"',
    );
    expect(id).toBe(7);
    const req = requests.at(-1)!;
    expect([req.method, req.url, req.type]).toEqual([
      'POST',
      '/subjects/known-value',
      'application/vnd.schemaregistry.v1+json',
    ]);
    expect(JSON.parse(req.body)).toEqual({ schema: '"string"' });
  });

  it('says how to fix an unregistered schema', async () => {
    const err = await new RegistryClient({ retries: 0, url: base })
      .idOf('unknown-value', '"int"')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaNotRegisteredError);
    expect(err).toMatchObject({
      name: 'SchemaNotRegisteredError',
      subject: 'unknown-value',
      status: 404,
      errorCode: 40403,
      retriable: false,
    });
    expect((err as Error).message).toContain("'eventc register'");
  });

  it('says the route is wrong when a 404 carries no Confluent error code', async () => {
    const err = await new RegistryClient({ retries: 0, url: `${base}/not-the-api` })
      .idOf('known-value', '"string"')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryRequestError);
    expect(err).not.toBeInstanceOf(SchemaNotRegisteredError);
    expect((err as Error).message).toContain(
      'without a Confluent error code: this URL does not serve the Confluent Schema Registry API',
    );
  });

  it('registers only through the versions endpoint', async () => {
    expect(
      await new RegistryClient({ retries: 0, url: base }).register('new-value', '"long"'),
    ).toBe(9);
    expect(requests.at(-1)!.url).toBe('/subjects/new-value/versions');
  });

  it('fetches schemas by id; an unknown id is UnknownSchemaIdError', async () => {
    const http = new RegistryClient({ retries: 0, url: base });
    expect(await http.schemaById(7)).toBe('"string"');
    const err = await http.schemaById(8).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownSchemaIdError);
    expect(err).toMatchObject({ schemaId: 8, retriable: false });
  });

  it('treats server errors as retriable unavailability and client errors as refusals', async () => {
    const http = new RegistryClient({ retries: 0, url: base });
    const down = await http.schemaById(500).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(RegistryUnavailableError);
    expect(down).toMatchObject({ retriable: true });
    expect((down as Error).message).toContain('store down');
    const refused = await http.schemaById(401).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegistryRequestError);
    expect(refused).toMatchObject({ status: 401, errorCode: 40101, retriable: false });
  });

  it('sends basic or bearer credentials and extra headers', async () => {
    await new RegistryClient({
      retries: 0,
      url: base,
      auth: { username: 'u', password: 'p:w' },
    }).schemaById(7);
    expect(requests.at(-1)!.auth).toBe(`Basic ${Buffer.from('u:p:w').toString('base64')}`);
    await new RegistryClient({ retries: 0, url: base, auth: { token: 't0k' } }).schemaById(7);
    expect(requests.at(-1)!.auth).toBe('Bearer t0k');
  });

  it('answers readiness probes with credentials, false when the registry is away', async () => {
    expect(
      await new RegistryClient({ retries: 0, url: base, auth: { token: 't0k' } }).reachable(),
    ).toBe(true);
    expect(requests.at(-1)).toMatchObject({ method: 'GET', url: '/subjects', auth: 'Bearer t0k' });
    expect(await new RegistryClient({ retries: 0, url: `${base}/nowhere` }).reachable()).toBe(
      false,
    );
    expect(await new RegistryClient({ retries: 0, url: 'http://127.0.0.1:1' }).reachable()).toBe(
      false,
    );
  });
});
