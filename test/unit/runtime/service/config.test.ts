import { describe, expect, it } from 'vitest';
import { ConfigError, loadServiceConfig } from '../../../../runtime/service/config.js';
import { startHealthServer } from '../../../../runtime/service/health.js';

describe('service configuration from the environment', () => {
  it('uses the local stack and the service name by default', () => {
    const config = loadServiceConfig('inventory', {});
    expect(config).toMatchObject({
      brokers: ['127.0.0.1:9092'],
      groupId: 'inventory',
      clientId: 'inventory',
      registry: { url: 'http://127.0.0.1:8081/apis/ccompat/v7' },
      logLevel: 'info',
      http: { host: '0.0.0.0', port: 8080 },
    });
    expect(config.sasl).toBeUndefined();
    expect(config.tls).toBeUndefined();
  });

  it('reads brokers, credentials, SASL and TLS', () => {
    const config = loadServiceConfig('email', {
      EVENTC_BROKERS: 'k1:9092, k2:9093',
      EVENTC_REGISTRY_URL: 'https://registry.example:8081',
      EVENTC_REGISTRY_TOKEN: 't0k',
      EVENTC_SASL_MECHANISM: 'SCRAM-SHA-512',
      EVENTC_SASL_USERNAME: 'u',
      EVENTC_SASL_PASSWORD: 'p',
      EVENTC_TLS: 'true',
      EVENTC_GROUP_ID: 'email-v2',
      EVENTC_HTTP_PORT: '9100',
    });
    expect(config.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(config.registry.auth).toEqual({ token: 't0k' });
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
    expect(config.tls).toBe(true);
    expect(config.groupId).toBe('email-v2');
    expect(config.http.port).toBe(9100);
  });

  it('reports every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadServiceConfig('order', {
        EVENTC_BROKERS: 'nohost',
        EVENTC_REGISTRY_URL: 'ftp://x',
        EVENTC_REGISTRY_USERNAME: 'only-user',
        EVENTC_SASL_MECHANISM: 'kerberos',
        EVENTC_LOG_LEVEL: 'loud',
        EVENTC_HTTP_PORT: '70000',
        EVENTC_TLS_CA_FILE: '/nonexistent/ca.pem',
        EVENTC_LOCK_FILE: '/nonexistent/eventc.lock.prod.json',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'EVENTC_BROKERS: "nohost"',
      'EVENTC_REGISTRY_URL: "ftp://x"',
      'EVENTC_REGISTRY_USERNAME and EVENTC_REGISTRY_PASSWORD',
      'EVENTC_SASL_MECHANISM: "kerberos"',
      'EVENTC_LOG_LEVEL: "loud"',
      'EVENTC_HTTP_PORT: "70000"',
      'EVENTC_TLS_CA_FILE: cannot read "/nonexistent/ca.pem"',
      'EVENTC_LOCK_FILE: cannot read "/nonexistent/eventc.lock.prod.json"',
    ]) {
      expect(problems).toContain(name);
    }
    expect((error as Error).message).toContain('invalid configuration of service "order"');
  });
});

describe('health endpoint', () => {
  it('answers /healthz, /readyz by its checks, and /metrics', async () => {
    let brokerUp = false;
    const server = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      readiness: { broker: () => brokerUp, registry: async () => true },
      metrics: () => 'eventc_events_consumed_total 3\n',
    });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ broker: false, registry: true });
      brokerUp = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect(await metrics.text()).toBe('eventc_events_consumed_total 3\n');
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
