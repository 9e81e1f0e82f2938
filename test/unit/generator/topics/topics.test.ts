/**
 * `topicDefaults` and `topics` in the manifest, the topics a contract needs (dead-letter
 * topics included), and the plan against what a cluster has: create, extend, alter, and
 * the refusals that keep `eventc topics` from ever making a destructive change.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../../generator/load/index.js';
import type { Contract, TopicSettings } from '../../../../generator/model/contract.js';
import {
  describeTopicAction,
  desiredTopics,
  planTopics,
  type ObservedTopic,
  type TopicSpec,
} from '../../../../generator/topics/index.js';
import { runCli } from '../../../support/cli.js';

const BASE = `
events:
  - { name: OrderPlaced, folder: shop/OrderPlaced, topic: shop.orders }
  - { name: OrderPaid, folder: shop/OrderPaid, topic: shop.payments }
services:
  - { name: billing, consumes: [OrderPlaced] }
`;

function manifest(extra: string): ReturnType<typeof parseManifest> {
  return parseManifest(`${extra}\n${BASE}`, 'eventc.yaml');
}

function problems(extra: string): string {
  try {
    manifest(extra);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected problems');
}

describe('topic settings in eventc.yaml', () => {
  it('reads defaults and per-topic settings, dead-letter topics included', () => {
    const m = manifest(`
topicDefaults: { partitions: 3, replicationFactor: 3, minInSyncReplicas: 2 }
topics:
  shop.orders: { partitions: 12, retention: 7d, cleanupPolicy: [delete, compact] }
  shop.orders.dlq: { retention: forever }
  shop.payments: { retention: 90000, cleanupPolicy: compact }
`);
    expect(m.topics).toEqual({
      defaults: { partitions: 3, replicationFactor: 3, minInSyncReplicas: 2 },
      byTopic: {
        'shop.orders': {
          partitions: 12,
          retentionMs: 604_800_000,
          cleanupPolicy: ['compact', 'delete'],
        },
        'shop.orders.dlq': { retentionMs: -1 },
        'shop.payments': { retentionMs: 90_000, cleanupPolicy: ['compact'] },
      },
    });
  });

  it('reports every bad setting with its line, and unknown topics with a suggestion', () => {
    const text = problems(`
topicDefaults: { partitions: 0, replicationFactor: 1, minInSyncReplicas: 2, retnetion: 1d }
topics:
  shop.ordres: { partitions: 3 }
  shop.payments: { retention: 7 days, cleanupPolicy: [delete, purge] }
`);
    expect(text).toContain(
      'eventc.yaml:2:30: topicDefaults.partitions: expected a positive integer, got number 0',
    );
    expect(text).toContain(
      'topicDefaults.retnetion: unknown key "retnetion". Did you mean "retention"?',
    );
    expect(text).toContain(
      'topics.shop.ordres: no event uses topic "shop.ordres", and it is not the dead-letter topic of one. Did you mean "shop.orders"?',
    );
    expect(text).toContain(
      'topics.shop.payments.retention: "7 days" is not a retention: a duration such as 7d',
    );
    expect(text).toContain(
      'topics.shop.payments.cleanupPolicy: string "purge" is not one of delete, compact',
    );
    expect(text).toContain(
      'eventc.yaml:2:16: topicDefaults: minInSyncReplicas 2 is more than the replicationFactor 1, so no write with acks=all could ever succeed',
    );
  });
});

function contract(topics: Contract['topics']): Pick<Contract, 'events' | 'services' | 'topics'> {
  return {
    events: [
      {
        name: 'OrderPlaced',
        folder: '',
        topic: 'shop.orders',
        versions: [],
        compatibility: 'BACKWARD',
      },
      {
        name: 'OrderPaid',
        folder: '',
        topic: 'shop.orders',
        versions: [],
        compatibility: 'BACKWARD',
      },
      {
        name: 'Refunded',
        folder: '',
        topic: 'shop.refunds',
        versions: [],
        compatibility: 'BACKWARD',
      },
    ],
    services: [{ name: 'billing', produces: [], consumes: [{ event: 'OrderPaid', version: 1 }] }],
    topics,
  };
}

describe('the topics a contract needs', () => {
  it("is every event's topic once, and the dead-letter topic of each consumed one", () => {
    const specs = desiredTopics(
      contract({ defaults: { partitions: 3 }, byTopic: { 'shop.orders.dlq': { partitions: 1 } } }),
    );
    expect(specs).toEqual([
      { topic: 'shop.orders', carries: 'OrderPaid, OrderPlaced', settings: { partitions: 3 } },
      {
        topic: 'shop.orders.dlq',
        carries: 'dead letters of shop.orders',
        settings: { partitions: 1 },
      },
      { topic: 'shop.refunds', carries: 'Refunded', settings: { partitions: 3 } },
    ]);
  });
});

function spec(topic: string, settings: TopicSettings): TopicSpec {
  return { topic, carries: 'X', settings };
}

function observed(partitions: number, extra: Partial<ObservedTopic> = {}): ObservedTopic {
  return {
    partitions,
    replicationFactor: 1,
    overrides: {},
    effective: {
      'retention.ms': '604800000',
      'cleanup.policy': 'delete',
      'min.insync.replicas': '1',
    },
    ...extra,
  };
}

describe('the plan', () => {
  it('creates what is missing and leaves what matches', () => {
    const plan = planTopics(
      [spec('a', { partitions: 3, retentionMs: 604_800_000 }), spec('b', { partitions: 2 })],
      new Map([['a', observed(3)]]),
      1,
    );
    expect(plan.actions.map((a) => [a.kind, a.spec.topic])).toEqual([
      ['ok', 'a'],
      ['create', 'b'],
    ]);
    expect(plan).toMatchObject({ changes: true, refused: false });
    expect(describeTopicAction(plan.actions[1]!)).toBe(
      "create   b (X): 2 partitions, the broker's default replication factor",
    );
  });

  it("adds partitions and alters configs, keeping the topic's other overrides", () => {
    const current = observed(3, {
      overrides: { 'segment.ms': '3600000', 'retention.ms': '604800000' },
    });
    const plan = planTopics(
      [spec('a', { partitions: 6, retentionMs: 86_400_000, cleanupPolicy: ['compact', 'delete'] })],
      new Map([['a', current]]),
      1,
    );
    expect(plan.actions).toEqual([
      { kind: 'add-partitions', spec: expect.anything(), from: 3, to: 6 },
      {
        kind: 'alter-configs',
        spec: expect.anything(),
        changes: [
          { name: 'retention.ms', from: '604800000', to: '86400000' },
          { name: 'cleanup.policy', from: 'delete', to: 'compact,delete' },
        ],
        keep: { 'segment.ms': '3600000', 'retention.ms': '604800000' },
      },
    ]);
    expect(plan.actions.map(describeTopicAction)).toEqual([
      'extend   a: partitions 3 -> 6 (new partitions only get new events)',
      'alter    a: retention.ms 604800000 -> 86400000, cleanup.policy delete -> compact,delete',
    ]);
  });

  it('takes compact,delete and delete,compact as the same policy', () => {
    const current = observed(1, { effective: { 'cleanup.policy': 'delete,compact' } });
    const plan = planTopics(
      [spec('a', { cleanupPolicy: ['compact', 'delete'] })],
      new Map([['a', current]]),
      1,
    );
    expect(plan.actions.map((a) => a.kind)).toEqual(['ok']);
    expect(plan.changes).toBe(false);
  });

  it('refuses fewer partitions, another replication factor and more replicas than brokers', () => {
    const plan = planTopics(
      [
        spec('fewer', { partitions: 2 }),
        spec('rf', { replicationFactor: 2 }),
        spec('new', { replicationFactor: 3 }),
      ],
      new Map([
        ['fewer', observed(6)],
        ['rf', observed(1)],
      ]),
      2,
    );
    expect(plan).toMatchObject({ refused: true });
    expect(plan.actions.map(describeTopicAction)).toEqual([
      'refuse   fewer: it has 6 partitions and the contract says 2: Kafka cannot remove partitions, and events with a key would change partition. Raise partitions to 6 in eventc.yaml, or recreate the topic by hand (its events are lost)',
      'refuse   rf: its replication factor is 1 and the contract says 2: that is a partition reassignment (kafka-reassign-partitions), which eventc does not do',
      'refuse   new: replication factor 3 needs 3 brokers, and the cluster has 2',
    ]);
  });
});

describe('eventc topics, before any broker is asked', () => {
  it('says which broker setting of the environment is unusable (exit 2)', async () => {
    const root = fileURLToPath(new URL('../../../..', import.meta.url));
    const before = process.env.EVENTC_BROKERS;
    process.env.EVENTC_BROKERS = 'kafka-without-port';
    try {
      const r = await runCli(['topics', '--cwd', root, '--dry-run']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'eventc: the broker settings in the environment are not usable:\n  EVENTC_BROKERS: "kafka-without-port" is not host:port\n',
      );
    } finally {
      if (before === undefined) delete process.env.EVENTC_BROKERS;
      else process.env.EVENTC_BROKERS = before;
    }
  });
});
