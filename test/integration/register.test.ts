import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registryDrift } from '../../generator/registry/drift.js';
import { RegistryClient } from '../../generator/registry/client.js';
import { lockFromPlan, lockPath, writeLock } from '../../generator/registry/lock.js';
import { registerContract, summarize } from '../../generator/registry/register.js';
import type { RegisterResult } from '../../generator/registry/register.js';
import { contractSubjects } from '../../generator/registry/subjects.js';
import type { Contract } from '../../generator/model/contract.js';
import { parseLockFile, PinnedIds } from '../../runtime/registry/lockfile.js';
import { makeContract, order, REGISTRY_URL, shipment, uniquePrefix } from './registry/contract.js';

const client = new RegistryClient({ url: REGISTRY_URL, retries: 3 });

function contractWith(prefix: string, orderVersions: object[]): Contract {
  return makeContract([
    {
      name: 'OrderPlaced',
      topic: `${prefix}.orders`,
      level: 'BACKWARD',
      versions: orderVersions,
      keySchema: { type: 'string' },
    },
    { name: 'ShipmentSent', topic: `${prefix}.shipments`, level: 'FULL', versions: [shipment.v1] },
  ]);
}

/** `base` with one more field (with a default): a compatible next version. */
function withField(base: typeof order.v3, name: string): object {
  return { ...base, fields: [...base.fields, { name, type: 'int', default: 0 }] };
}

async function run(contract: Contract, dryRun = false): Promise<RegisterResult> {
  return registerContract(contract, client, { dryRun });
}

describe('eventc register against the registry', () => {
  const prefix = uniquePrefix();
  const orders = `${prefix}.orders-value`;

  let first: RegisterResult;
  beforeAll(async () => {
    first = await run(contractWith(prefix, [order.v1, order.v2]));
  });

  it('registers every version from scratch, in order, and sets the levels', async () => {
    expect(first.rejections).toEqual([]);
    expect(first.registered).toBe(4);
    expect(first.unchanged).toBe(0);
    expect(first.levelsSet).toBe(3);
    expect(await client.versions(orders)).toEqual([1, 2]);
    expect(await client.versions(`${prefix}.orders-key`)).toEqual([1]);
    expect(await client.subjectLevel(orders)).toBe('BACKWARD');
    expect(await client.subjectLevel(`${prefix}.shipments-value`)).toBe('FULL');
    const v2 = await client.version(orders, 2);
    expect(JSON.parse(v2.schema).fields[2]).toEqual({
      name: 'currency',
      type: 'string',
      default: 'EUR',
    });
  });

  it('changes nothing on a second run and says so', async () => {
    const again = await run(contractWith(prefix, [order.v1, order.v2]));
    expect(again.registered).toBe(0);
    expect(again.levelsSet).toBe(0);
    expect(again.unchanged).toBe(4);
    expect(summarize(again)).toEqual(['nothing to do: 4 versions already registered']);
  });

  it('registers exactly the one version added', async () => {
    const added = await run(contractWith(prefix, [order.v1, order.v2, order.v3]));
    expect(added.registered).toBe(1);
    expect(added.unchanged).toBe(4);
    expect(await client.versions(orders)).toEqual([1, 2, 3]);
  });

  it('refuses an incompatible version and registers nothing after it', async () => {
    const contract = contractWith(prefix, [
      order.v1,
      order.v2,
      order.v3,
      order.bad,
      withField(order.v3, 'later'),
    ]);
    const refused = await run(contract);
    expect(refused.registered).toBe(0);
    expect(refused.rejections).toHaveLength(1);
    const r = refused.rejections[0]!;
    expect(r).toMatchObject({ subject: orders, version: 4, skipped: [5] });
    expect(r.reason).toMatch(/answered 409/);
    expect(r.explanation.join('\n')).toMatch(/amount/);
    expect(r.explanation.join('\n')).toMatch(/TYPE_MISMATCH/);
    expect(await client.versions(orders)).toEqual([1, 2, 3]);
    expect(summarize(refused).at(-1)).toBe('registered 0, unchanged 5, levels set 0, refused 1');
  });

  it('changes nothing on a dry run', async () => {
    const contract = contractWith(prefix, [order.v1, order.v2, order.v3, withField(order.v3, 'x')]);
    const dry = await run(contract, true);
    expect(dry.registered).toBe(0);
    expect(
      dry.plan.subjects.find((s) => s.subject === orders)?.versions.map((v) => !!v.registered),
    ).toEqual([true, true, true, false]);
    expect(await client.versions(orders)).toEqual([1, 2, 3]);
  });

  it('writes a deterministic lock file that matches the registry and the schemas', async () => {
    const contract = contractWith(prefix, [order.v1, order.v2, order.v3]);
    const result = await run(contract);
    const file = lockPath(contract, 'it');
    expect(await writeLock(file, lockFromPlan(result.final, 'it'))).toBe(true);
    expect(await writeLock(file, lockFromPlan(result.final, 'it'))).toBe(false);
    const lock = parseLockFile(readFileSync(file, 'utf8'), file);
    expect(lock.entries.map((e) => `${e.subject}@${e.version}`)).toEqual([
      `${prefix}.orders-key@1`,
      `${orders}@1`,
      `${orders}@2`,
      `${orders}@3`,
      `${prefix}.shipments-value@1`,
    ]);
    for (const e of lock.entries) {
      const spec = contractSubjects(contract).find((s) => s.subject === e.subject)!;
      const found = await client.lookup(
        e.subject,
        spec.versions.find((v) => v.version === e.version)!.text,
      );
      expect(found?.id).toBe(e.id);
    }
    const pinned = new PinnedIds(lock);
    await expect(pinned.verifyRegistry((id) => client.schemaById(id))).resolves.toBeUndefined();
    const v2 = contractSubjects(contract).find((s) => s.subject === orders)!.versions[1]!;
    expect(pinned.idFor(orders, v2.text)).toBe(lock.entries[2]!.id);
    expect(await registryDrift(contract, lock, client, 'it')).toEqual([]);
  });

  it('reports drift between git, the lock file and the registry', async () => {
    const contract = contractWith(prefix, [order.v1, order.v2, order.v3]);
    const result = await run(contract);
    const lock = lockFromPlan(result.final, 'it');
    lock.entries[1]!.fingerprint = '0'.repeat(64);
    lock.entries[2]!.id += 1000;
    const ahead = contractWith(prefix, [order.v1, order.v2, order.v3, withField(order.v3, 'y')]);
    const findings = await registryDrift(ahead, lock, client, 'it');
    const rules = findings.map((f) => `${f.rule} ${f.subject}`).sort();
    expect(rules).toEqual([
      `LOCK_FINGERPRINT_MISMATCH ${orders}`,
      `LOCK_MISSING_VERSION ${orders}`,
      `REGISTRY_ID_MISMATCH ${orders}`,
      `REGISTRY_MISSING_VERSION ${orders}`,
    ]);
    const behind = contractWith(prefix, [order.v1, order.v2]);
    const extra = await registryDrift(behind, lockFromPlan(result.final, 'it'), client, 'it');
    expect(extra.map((f) => f.rule).sort()).toEqual([
      'LOCK_UNKNOWN_ENTRY',
      'REGISTRY_EXTRA_VERSION',
    ]);
  });
});

describe('Avro 1.12 union defaults on the real registry', () => {
  it('registers a version whose new field defaults to a later union branch, as compatible', async () => {
    const prefix = uniquePrefix();
    const v2 = {
      ...order.v1,
      fields: [
        ...order.v1.fields,
        { name: 'note', type: ['string', 'null'], default: null },
        { name: 'count', type: ['null', 'int'], default: 3 },
      ],
    };
    const contract = makeContract([
      {
        name: 'OrderPlaced',
        topic: `${prefix}.orders`,
        level: 'BACKWARD',
        versions: [order.v1, v2],
      },
    ]);
    const result = await registerContract(contract, client, { log: () => undefined });
    expect(result.rejections).toEqual([]);
    const subject = `${prefix}.orders-value`;
    expect(await client.versions(subject)).toEqual([1, 2]);
    const registered = JSON.parse((await client.version(subject, 2)).schema) as {
      fields: { name: string; default?: unknown }[];
    };
    expect(registered.fields.slice(-2).map((f) => [f.name, f.default])).toEqual([
      ['note', null],
      ['count', 3],
    ]);
  });
});
