import { afterAll, describe, expect, it } from 'vitest';
import { Consumer, PublishError, Publisher, subscribe, type EventcClient } from 'eventc/runtime';
import { client, createTopic, pingEvent, unique, until, type PingV1 } from '../helpers.js';
import { disruptiveEnabled, startKafka, stopKafka } from './stack-control.js';

const TOTAL = 3000;

describe.skipIf(!disruptiveEnabled)(
  'the broker stopped and restarted while producing and consuming',
  () => {
    const clients: EventcClient[] = [];
    afterAll(async () => {
      await startKafka(); // Whatever happened, the shared stack gets its broker back.
      await Promise.allSettled(clients.map((c) => c.close()));
    });

    it('loses no event, and the idempotency store skips the duplicates the outage causes', async () => {
      const topic = unique('broker-restart');
      await createTopic(topic, 2);
      const event = await pingEvent(topic);
      const producerClient = client();
      const consumerClient = client();
      clients.push(producerClient, consumerClient);
      const publisher = new Publisher<PingV1>(producerClient, event.versions[0]!);
      await producerClient.connect();

      const calls = new Map<string, number>();
      const consumer = new Consumer(consumerClient, {
        groupId: unique('broker-restart-group'),
        commitIntervalMs: 100,
        kafka: {
          sessionTimeout: 10_000,
          heartbeatInterval: 1000,
          retry: { retries: 100, maxRetryTime: 2000 },
        },
        subscriptions: [
          subscribe<PingV1>(event.versions[0]!, async (v) => {
            calls.set(v.id, (calls.get(v.id) ?? 0) + 1);
          }),
        ],
      });
      await consumer.start();

      // The producer keeps going through the outage: a failed publish is retried with the same
      // event id (which is what makes the retry safe for consumers).
      let published = 0;
      let publishRetries = 0;
      const produce = (async () => {
        for (let i = 0; i < TOTAL; i += 10) {
          const batch = Array.from({ length: 10 }, (_, k) => ({
            value: { id: `r-${i + k}`, n: i + k, note: null },
            options: { eventId: `r-${i + k}` },
          }));
          for (;;) {
            try {
              await publisher.publishBatch(batch);
              break;
            } catch (err) {
              if (!(err instanceof PublishError)) throw err;
              publishRetries++;
              await new Promise((r) => setTimeout(r, 500));
            }
          }
          published += batch.length;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();

      await until('a first part handled', () => calls.size >= 500, {
        timeoutMs: 60_000,
        state: () => calls.size,
      });
      await stopKafka();
      const handledDuringOutage = calls.size;
      await startKafka();
      await produce;
      // A producer that never learnt whether its sends before the outage arrived sends them again.
      await publisher.publishBatch(
        Array.from({ length: 50 }, (_, n) => ({
          value: { id: `r-${n}`, n, note: null },
          options: { eventId: `r-${n}` },
        })),
      );
      await until(`all ${TOTAL} events handled`, () => calls.size === TOTAL, {
        timeoutMs: 240_000,
        state: () => ({ handled: calls.size, published, publishRetries }),
      });
      const duplicates = () =>
        Number(
          /eventc_events_duplicate_total\{[^}]*\} (\d+)/.exec(
            consumerClient.metrics.expose(),
          )?.[1] ?? 0,
        );
      await until('the 50 re-sent events skipped as duplicates', () => duplicates() >= 50, {
        state: duplicates,
      });
      await consumer.stop();

      expect(handledDuringOutage).toBeLessThan(TOTAL); // the outage happened mid-stream
      const ids = Array.from({ length: TOTAL }, (_, n) => `r-${n}`);
      expect([...calls.keys()].sort()).toEqual(ids.sort());
      // Same process, same store: whatever the outage made the broker deliver twice was skipped.
      expect([...calls.values()].filter((n) => n > 1)).toEqual([]);
      process.stderr.write(
        `broker restart: publish retries ${publishRetries}, duplicates skipped ${duplicates()}\n`,
      );
    });
  },
);
