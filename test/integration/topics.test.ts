/**
 * `eventc topics` on the real broker: the plan of a dry run changes nothing; a run creates
 * every topic and dead-letter topic with its settings; a second run is idempotent; more
 * partitions and another retention are applied while the topic's other overrides stay;
 * fewer partitions is refused and then nothing at all is changed.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract, TopicsConfig } from '../../generator/model/contract.js';
import { syncTopics, TopicsError } from '../../generator/topics/index.js';
import { brokers } from '../support/env.js';
import { uniqueName } from '../support/names.js';

const prefix = uniqueName('it-topics');
const ORDERS = `${prefix}.orders`;
const REFUNDS = `${prefix}.refunds`;
const TOPICS = [ORDERS, `${ORDERS}.dlq`, REFUNDS];

function contract(topics: TopicsConfig): Contract {
  const event = (name: string, topic: string) => ({
    name,
    folder: `schemas/t/${name}`,
    topic,
    versions: [],
    compatibility: 'BACKWARD' as const,
  });
  return {
    root: '/nonexistent',
    manifestFile: 'eventc.yaml',
    schemaRoot: 'schemas',
    registry: {
      urlEnv: 'X',
      defaultUrl: 'http://127.0.0.1:1',
      subjectNameStrategy: 'TopicNameStrategy',
    },
    compatibility: 'BACKWARD',
    events: [event('OrderPlaced', ORDERS), event('Refunded', REFUNDS)],
    services: [{ name: 'billing', produces: [], consumes: [{ event: 'OrderPlaced', version: 1 }] }],
    lint: { disable: [] },
    topics,
  };
}

async function sync(topics: TopicsConfig, dryRun = false): Promise<string[]> {
  const lines: string[] = [];
  await syncTopics(contract(topics), { brokers, dryRun, log: (l) => lines.push(l) });
  return lines;
}

let admin: Admin;

async function state(
  topic: string,
): Promise<{ partitions: number; configs: Record<string, string> }> {
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const described = await admin.describeConfigs({
    resources: [{ type: 2, name: topic }],
    includeSynonyms: false,
  });
  const configs = Object.fromEntries(
    described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]),
  );
  return { partitions: meta.topics[0]!.partitions.length, configs };
}

beforeAll(async () => {
  admin = new Kafka({ brokers, clientId: 'it-topics', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});
afterAll(async () => {
  await admin.deleteTopics({ topics: TOPICS }).catch(() => undefined);
  await admin.disconnect();
});

const SETTINGS: TopicsConfig = {
  defaults: { partitions: 2, replicationFactor: 1 },
  byTopic: {
    [ORDERS]: { partitions: 3, retentionMs: 604_800_000, cleanupPolicy: ['compact', 'delete'] },
  },
};

describe('eventc topics on the real broker', () => {
  it('plans on a dry run and changes nothing', async () => {
    const lines = await sync(SETTINGS, true);
    expect(lines).toEqual([
      `create   ${ORDERS} (OrderPlaced): 3 partitions, replication factor 1, retention.ms=604800000, cleanup.policy=compact,delete`,
      `create   ${ORDERS}.dlq (dead letters of ${ORDERS}): 2 partitions, replication factor 1`,
      `create   ${REFUNDS} (Refunded): 2 partitions, replication factor 1`,
      'topics (dry run, nothing changed): 3 to create, 0 to extend, 0 to alter, 0 up to date',
    ]);
    const existing = await admin.listTopics();
    expect(TOPICS.filter((t) => existing.includes(t))).toEqual([]);
  });

  it('creates every topic with its settings, then finds them up to date', async () => {
    expect((await sync(SETTINGS)).at(-1)).toBe(
      'topics: 3 created, 0 extended, 0 altered, 0 up to date',
    );
    const orders = await state(ORDERS);
    expect(orders.partitions).toBe(3);
    expect(orders.configs).toMatchObject({
      'retention.ms': '604800000',
      'cleanup.policy': 'compact,delete',
    });
    expect((await state(`${ORDERS}.dlq`)).partitions).toBe(2);
    expect(await sync(SETTINGS)).toEqual([
      `ok       ${ORDERS}`,
      `ok       ${ORDERS}.dlq`,
      `ok       ${REFUNDS}`,
      'topics: 3 topics, all up to date',
    ]);
    // As eventc up asks: only what changed, then the summary.
    const quiet: string[] = [];
    await syncTopics(contract(SETTINGS), {
      brokers,
      dryRun: false,
      showUpToDate: false,
      log: (l) => quiet.push(l),
    });
    expect(quiet).toEqual(['topics: 3 topics, all up to date']);
  });

  it("adds partitions and changes retention, keeping the topic's other overrides", async () => {
    // An override set by hand, which Kafka's AlterConfigs would drop if it were not sent again.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: 2,
          name: ORDERS,
          configEntries: [
            { name: 'retention.ms', value: '604800000' },
            { name: 'cleanup.policy', value: 'compact,delete' },
            { name: 'segment.ms', value: '3600000' },
          ],
        },
      ],
    });
    // The broker shows a change a moment after accepting it; the run below must see this one.
    await expect
      .poll(async () => (await state(ORDERS)).configs['segment.ms'], { timeout: 10_000 })
      .toBe('3600000');
    const more: TopicsConfig = {
      ...SETTINGS,
      byTopic: {
        [ORDERS]: { ...SETTINGS.byTopic[ORDERS], partitions: 6, retentionMs: 86_400_000 },
      },
    };
    const lines = await sync(more);
    expect(lines).toContain(
      `extend   ${ORDERS}: partitions 3 -> 6 (new partitions only get new events)`,
    );
    expect(lines).toContain(`alter    ${ORDERS}: retention.ms 604800000 -> 86400000`);
    const orders = await state(ORDERS);
    expect(orders.partitions).toBe(6);
    expect(orders.configs).toMatchObject({
      'retention.ms': '86400000',
      'cleanup.policy': 'compact,delete',
      'segment.ms': '3600000',
    });
    expect((await sync(more)).at(-1)).toBe('topics: 3 topics, all up to date');
  });

  it('refuses fewer partitions with the reason, and then changes nothing', async () => {
    const fewer: TopicsConfig = {
      defaults: { partitions: 2, replicationFactor: 1 },
      byTopic: { [ORDERS]: { partitions: 4, retentionMs: 3_600_000 } },
    };
    const lines: string[] = [];
    const err = await syncTopics(contract(fewer), {
      brokers,
      dryRun: false,
      log: (l) => lines.push(l),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TopicsError);
    expect((err as Error).message).toContain('1 topic change(s) refused');
    expect(lines[0]).toBe(
      `refuse   ${ORDERS}: it has 6 partitions and the contract says 4: Kafka cannot remove partitions, and events with a key would change partition. Raise partitions to 6 in eventc.yaml, or recreate the topic by hand (its events are lost)`,
    );
    expect(lines.at(-1)).toBe('topics: 1 change(s) refused; nothing was changed');
    // The retention change planned beside the refusal was not made either.
    expect((await state(ORDERS)).configs['retention.ms']).toBe('86400000');
  });
});
