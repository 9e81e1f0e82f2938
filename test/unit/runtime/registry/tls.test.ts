import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventcClient,
  loadServiceConfig,
  RegistryClient,
  RegistryError,
  registryOptionsFromEnv,
  silentLogger,
} from 'eventc/runtime';

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

/** A throw-away CA with a server certificate for 127.0.0.1 and a client certificate. */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]): void =>
    void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=eventc-test-ca',
  );
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const who of ['server', 'client']) {
    ssl('req', ...ec, '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=${who}`);
    const ext = who === 'server' ? ['-extfile', 'server.ext'] : [];
    ssl(
      'x509',
      '-req',
      '-in',
      `${who}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${who}.crt`,
      '-days',
      '1',
      ...ext,
    );
  }
}

describe.skipIf(!hasOpenssl)('registry client over mutual TLS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eventc-tls-'));
  const file = (name: string): string => path.join(dir, name);
  let server: https.Server;
  let url: string;

  beforeAll(async () => {
    makeCertificates(dir);
    server = https.createServer(
      {
        key: readFileSync(file('server.key')),
        cert: readFileSync(file('server.crt')),
        ca: readFileSync(file('ca.crt')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([`hello ${peer.subject?.CN ?? 'nobody'}`]));
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('trusts the CA file and presents the client certificate from the environment', async () => {
    const options = registryOptionsFromEnv(
      { urlEnv: 'REG', defaultUrl: '' },
      {
        REG: url,
        EVENTC_REGISTRY_CA_FILE: file('ca.crt'),
        EVENTC_REGISTRY_CERT_FILE: file('client.crt'),
        EVENTC_REGISTRY_KEY_FILE: file('client.key'),
      },
    );
    await expect(new RegistryClient(options).subjects()).resolves.toEqual(['hello client']);
  });

  it('lets a service reach it through the same variables', async () => {
    const config = loadServiceConfig('inventory', {
      EVENTC_REGISTRY_URL: url,
      EVENTC_REGISTRY_CA_FILE: file('ca.crt'),
      EVENTC_REGISTRY_CERT_FILE: file('client.crt'),
      EVENTC_REGISTRY_KEY_FILE: file('client.key'),
    });
    const client = new EventcClient({
      brokers: config.brokers,
      clientId: config.clientId,
      registry: config.registry,
      logger: silentLogger,
    });
    await expect(client.schemas.http.subjects()).resolves.toEqual(['hello client']);
    await expect(client.schemas.http.reachable()).resolves.toBe(true);
    await client.close();
  });

  it('refuses a server it cannot verify, without retrying', async () => {
    const delays: number[] = [];
    const client = new RegistryClient({
      url,
      retries: 3,
      sleep: async (ms) => void delays.push(ms),
    });
    const err = await client.subjects().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toMatch(/certificate/i);
    expect((err as RegistryError).retriable).toBe(false);
    expect(delays).toEqual([]);
  });
});
