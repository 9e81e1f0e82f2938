import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../../../generator/load/index.js';
import { fingerprint } from '../../../../generator/registry/subjects.js';
import { registrationText } from '../../../../generator/model/schema-text.js';
import { serializeLock } from '../../../../generator/registry/lock.js';
import {
  avroType,
  EventcClient,
  LockMismatchError,
  parseLockFile,
  PinnedIds,
  schemaFingerprint,
} from '../../../../runtime/index.js';
import type { EventDescriptor, LockFile } from '../../../../runtime/index.js';

const v1 = {
  type: 'record',
  name: 'Paid',
  namespace: 'com.test',
  doc: 'A payment.',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    {
      name: 'currency',
      type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD'], default: 'EUR' },
      default: 'EUR',
    },
  ],
};
const v2 = {
  ...v1,
  fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }],
};
const set1 = parseSchema(JSON.stringify(v1), 'v1.avsc');
const set2 = parseSchema(JSON.stringify(v2), 'v2.avsc');

const lock: LockFile = {
  format: 1,
  env: 'test',
  entries: [
    {
      subject: 'pay-value',
      event: 'Paid',
      role: 'value',
      version: 1,
      registryVersion: 1,
      id: 41,
      fingerprint: fingerprint(set1),
    },
    {
      subject: 'pay-value',
      event: 'Paid',
      role: 'value',
      version: 2,
      registryVersion: 2,
      id: 42,
      fingerprint: fingerprint(set2),
    },
  ],
};

describe('schema text and fingerprints', () => {
  it('registers defaults, aliases and logical types, but not docs', () => {
    const text = JSON.parse(registrationText(set2)) as { doc?: string; fields: object[] };
    expect(text.doc).toBeUndefined();
    expect(text.fields[1]).toEqual({
      name: 'amount',
      type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 },
    });
    expect(text.fields[2]).toEqual({
      name: 'currency',
      type: { type: 'enum', name: 'com.test.Currency', symbols: ['EUR', 'USD'], default: 'EUR' },
      default: 'EUR',
    });
  });

  it('gives the same fingerprint in the generator (canonical form) and the runtime (any schema text)', () => {
    expect(schemaFingerprint(registrationText(set1))).toBe(fingerprint(set1));
    expect(schemaFingerprint(JSON.stringify(v1))).toBe(fingerprint(set1));
    expect(schemaFingerprint(set1.canonical)).toBe(fingerprint(set1));
    expect(fingerprint(set1)).not.toBe(fingerprint(set2));
  });
});

describe('lock file', () => {
  it('round-trips through the serializer and parser, and rejects malformed files', () => {
    const text = serializeLock(lock);
    expect(parseLockFile(text)).toEqual(lock);
    expect(text.endsWith('}\n')).toBe(true);
    expect(() => parseLockFile('{')).toThrow(/not valid JSON/);
    expect(() => parseLockFile('{"format":2,"env":"x","entries":[]}')).toThrow(/format 1/);
    expect(() =>
      parseLockFile('{"format":1,"env":"x","entries":[{"subject":"s"}]}', 'f.json'),
    ).toThrow('f.json: entries[0].event must be a string');
  });

  it('pins ids by subject and fingerprint, and refuses a schema it does not have', () => {
    const pinned = new PinnedIds(lock);
    expect(pinned.require('pay-value', registrationText(set2))).toBe(42);
    expect(pinned.require('pay-value', JSON.stringify(v1))).toBe(41);
    expect(pinned.idFor('other-value', JSON.stringify(v1))).toBeUndefined();
    const changed = { ...v1, fields: v1.fields.slice(0, 2) };
    expect(() => pinned.require('pay-value', JSON.stringify(changed))).toThrow(LockMismatchError);
    expect(() => pinned.require('pay-value', JSON.stringify(changed))).toThrow(/it has v1 .*, v2 /);
  });

  it('verifies compiled descriptors against the lock file', () => {
    const descriptor = (schemas: object[]): EventDescriptor => ({
      event: 'Paid',
      topic: 'pay',
      subject: 'pay-value',
      versions: schemas.map((s, i) => ({
        event: 'Paid',
        version: i + 1,
        fullName: 'com.test.Paid',
        schema: JSON.stringify(s),
        type: avroType(s),
      })),
    });
    const pinned = new PinnedIds(lock);
    expect(() => pinned.verify([descriptor([v1, v2])])).not.toThrow();
    const edited = { ...v2, fields: v2.fields.slice(1) };
    const err = (() => {
      try {
        pinned.verify([descriptor([v1, edited, v2])]);
      } catch (e) {
        return e as LockMismatchError;
      }
      throw new Error('verify passed');
    })();
    expect(err.problems).toEqual([
      expect.stringMatching(/^Paid v2 \(subject "pay-value"\) was registered with fingerprint/),
      'Paid v3 (subject "pay-value") has no entry',
    ]);
  });

  it('lets the client resolve ids with no registry when pinned', async () => {
    const client = new EventcClient({
      brokers: ['127.0.0.1:1'],
      clientId: 'pinned-test',
      registry: { url: 'http://127.0.0.1:1/unreachable', pinned: lock },
    });
    await expect(client.schemas.resolveId('pay-value', registrationText(set2))).resolves.toBe(42);
    await expect(client.schemas.resolveId('pay-value', '"string"')).rejects.toThrow(
      LockMismatchError,
    );
  });
});
