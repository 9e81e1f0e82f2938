import { randomBytes } from 'node:crypto';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { keyPartition, murmur2 } from '../../../../runtime/producer/murmur2.js';
import { recordingPartitioner } from '../../../../runtime/producer/sender.js';

describe('murmur2', () => {
  it("gives the Java client's values (Kafka's UtilsTest.testMurmur2 vectors)", () => {
    const vectors: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of vectors) {
      expect(murmur2(key), key).toBe(hash);
      expect(murmur2(Buffer.from(key)), key).toBe(hash);
    }
  });

  it("puts every key on the partition kafkajs' DefaultPartitioner picks", () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    const ours = recordingPartitioner()();
    const misplaced: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const bytes = randomBytes(i % 70);
      // Bytes, ASCII text, and UTF-8 text with multi-byte characters (and replaced bad bytes).
      for (const key of [
        bytes,
        Buffer.from(bytes.map((b) => b & 0x7f)).toString('latin1'),
        `é${bytes}`,
      ]) {
        const partitions = 1 + (i % 12);
        const args = (): PartitionerArgs => ({
          topic: 't',
          partitionMetadata: Array.from({ length: partitions }, (_, p) => ({
            partitionId: p,
            leader: 0,
            partitionErrorCode: 0,
            replicas: [0],
            isr: [0],
          })),
          message: { key, value: null, partition: undefined },
        });
        const theirs = kafkajs(args());
        const mine = args();
        const picked = ours(mine);
        if (
          picked !== theirs ||
          mine.message.partition !== theirs ||
          keyPartition(key, partitions) !== theirs
        )
          misplaced.push(`${JSON.stringify(key.toString())} of ${partitions}`);
      }
    }
    expect(misplaced.slice(0, 5)).toEqual([]);
  });

  it('leaves an explicit partition and unkeyed messages to kafkajs', () => {
    const ours = recordingPartitioner()();
    const partitionMetadata = [0, 1, 2].map((p) => ({
      partitionId: p,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    const explicit = { key: 'k', value: null, partition: 2 };
    expect(ours({ topic: 't', partitionMetadata, message: explicit })).toBe(2);
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const message = { value: null, partition: undefined as number | undefined };
      seen.add(ours({ topic: 't', partitionMetadata, message }));
      expect(message.partition).toBeDefined();
    }
    expect(seen.size).toBe(3); // round-robin over the partitions
  });
});
