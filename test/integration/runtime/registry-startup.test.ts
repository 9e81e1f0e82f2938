import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Consumer,
  Publisher,
  RegistryUnavailableError,
  SchemaNotRegisteredError,
  subscribe,
} from 'eventc/runtime';
import { client, pingEvent, unique } from './helpers.js';

describe('registry problems at start-up fail fast with a clear error', () => {
  let blackHole: Server;
  let blackHolePort: number;
  let closedPort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers, like a registry that hangs.
    blackHole = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    blackHolePort = (blackHole.address() as { port: number }).port;
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('a refused connection rejects connect() with RegistryUnavailableError naming the URL', async () => {
    const event = await pingEvent(unique('down'), { register: false });
    const url = `http://127.0.0.1:${closedPort}/apis/ccompat/v7`;
    const c = client({ registry: { url } });
    new Publisher(c, event.versions[0]!);
    const err = await c.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryUnavailableError);
    expect((err as RegistryUnavailableError).retriable).toBe(true);
    expect((err as Error).message).toContain(url);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    await c.close();
  });

  it('a registry that does not answer rejects after the request timeout instead of hanging', async () => {
    const event = await pingEvent(unique('hang'), { register: false });
    const c = client({ registry: { url: `http://127.0.0.1:${blackHolePort}`, timeoutMs: 500 } });
    const consumer = new Consumer(c, {
      groupId: unique('hang'),
      subscriptions: [subscribe(event.versions[0]!, async () => {})],
    });
    const err = await consumer.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryUnavailableError);
    expect((err as Error).message).toContain('no answer within 500 ms');
    await c.close();
  });

  it('a schema that is not registered rejects connect() unless autoRegister is on', async () => {
    const event = await pingEvent(unique('unregistered'), { register: false });
    const strict = client();
    new Publisher(strict, event.versions[0]!);
    const err = await strict.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaNotRegisteredError);
    expect((err as SchemaNotRegisteredError).subject).toBe(event.subject);
    expect((err as Error).message).toContain('eventc register');
    await strict.close();

    const dev = client({ autoRegister: true });
    const publisher = new Publisher(dev, event.versions[0]!);
    await dev.connect();
    const result = await publisher.publish({ id: 'x', n: 1, note: null });
    expect(result.schemaId).toBeGreaterThan(0);
    await dev.close();
  });
});
