/**
 * The HTTP endpoint every service exposes: `/healthz` (the process is alive), `/readyz`
 * (connected to the broker and the registry) and `/metrics` (Prometheus text format).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReadinessCheck {
  /** Each named check answers whether that dependency is usable right now. */
  [name: string]: () => boolean | Promise<boolean>;
}

/**
 * A service's own HTTP routes, tried before the health routes: answers the request and
 * returns true, or returns false to let the next route try.
 */
export type Routes = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface HealthServerOptions {
  host: string;
  port: number;
  routes?: Routes;
  readiness: ReadinessCheck;
  /** Prometheus text exposition of the service's metrics. */
  metrics: () => string;
}

export interface HealthServer {
  /** The bound port (useful when started on port 0). */
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (!options.routes) {
      builtIn(req, res, options);
      return;
    }
    Promise.resolve(options.routes(req, res)).then(
      (handled) => {
        if (!handled) builtIn(req, res, options);
      },
      (err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: (err as Error).message ?? String(err) });
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function builtIn(req: IncomingMessage, res: ServerResponse, options: HealthServerOptions): void {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (path === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
  } else if (path === '/readyz') {
    void readiness(options.readiness).then(
      (checks) => sendJson(res, Object.values(checks).every(Boolean) ? 200 : 503, checks),
      () => sendJson(res, 503, { status: 'error' }),
    );
  } else if (path === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(options.metrics());
  } else {
    sendJson(res, 404, { error: `no such endpoint: ${path}` });
  }
}

async function readiness(checks: ReadinessCheck): Promise<Record<string, boolean>> {
  const names = Object.keys(checks).sort();
  const results = await Promise.all(
    names.map(async (name) => {
      try {
        return await checks[name]!();
      } catch {
        return false;
      }
    }),
  );
  return Object.fromEntries(names.map((name, i) => [name, results[i] === true]));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}
