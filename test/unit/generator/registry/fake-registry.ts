/**
 * An in-memory Confluent-API registry on `http.createServer`, for unit tests of the register
 * logic. `confluent` mode answers like Confluent (subject config settable before the subject
 * exists, `GET /config/{s}` 404 when unset); `apicurio` mode like Apicurio (the global level
 * from `GET /config/{s}`, `PUT /config/{s}` 404 before the first version).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Subject {
  versions: { schema: string; id: number }[];
  level?: string;
}

export interface FakeRegistry {
  url: string;
  /** Method and path of every request, in order. */
  log: string[];
  subjects: Map<string, Subject>;
  /** Schemas containing this text are refused with 409/40901. */
  refuse: string;
  close(): Promise<void>;
}

export async function startFakeRegistry(mode: 'confluent' | 'apicurio'): Promise<FakeRegistry> {
  const subjects = new Map<string, Subject>();
  const ids = new Map<string, number>();
  const log: string[] = [];
  const fake = { log, subjects, refuse: '"refuse_me"' } as FakeRegistry;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').replace(/^\/api/, '');
      log.push(`${req.method} ${path}`);
      const [status, answer] = handle(
        req.method ?? '',
        path,
        body ? (JSON.parse(body) as Record<string, string>) : {},
      );
      res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      res.end(JSON.stringify(answer));
    });
  });
  const notFound = (code: number): [number, object] => [
    404,
    { error_code: code, message: 'not found' },
  ];
  function handle(method: string, path: string, body: Record<string, string>): [number, unknown] {
    const m = /^\/(subjects|config)\/([^/?]+)(\/versions)?$/.exec(path);
    if (!m) return notFound(404);
    const name = decodeURIComponent(m[2]!);
    const s = subjects.get(name);
    if (m[1] === 'config') {
      if (method === 'GET') {
        if (mode === 'apicurio') return [200, { compatibilityLevel: s?.level ?? 'NONE' }];
        return s?.level ? [200, { compatibilityLevel: s.level }] : notFound(40408);
      }
      if (!s && mode === 'apicurio') return notFound(40401);
      const target = s ?? { versions: [] };
      target.level = body.compatibility;
      subjects.set(name, target);
      return [200, { compatibility: body.compatibility }];
    }
    if (method === 'GET')
      return s && s.versions.length > 0 ? [200, s.versions.map((_, i) => i + 1)] : notFound(40401);
    if (!m[3]) {
      const i = s?.versions.findIndex((v) => v.schema === body.schema) ?? -1;
      if (!s || i < 0) return notFound(s ? 40403 : 40401);
      return [200, { subject: name, id: s.versions[i]!.id, version: i + 1, schema: body.schema }];
    }
    if (body.schema!.includes(fake.refuse)) {
      return [
        409,
        {
          error_code: 40901,
          message: 'Schema being registered is incompatible with an earlier schema',
        },
      ];
    }
    const target = s ?? { versions: [] };
    const id = ids.get(body.schema!) ?? ids.size + 1;
    ids.set(body.schema!, id);
    target.versions.push({ schema: body.schema!, id });
    subjects.set(name, target);
    return [200, { id }];
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  fake.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
