/**
 * `eventc check --registry` logic against an in-memory registry: missing subjects,
 * registered content that differs from the file, and new versions judged by the registry's
 * compatibility endpoint and explained by the engine.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstRegistry, type RegistryReader } from '../../../../generator/registry/check.js';
import { loadContract, parseSchema } from '../../../../generator/load/index.js';
import type { Contract } from '../../../../generator/model/contract.js';
import { registrationText } from '../../../../generator/model/schema-text.js';
import type {
  CompatibilityAnswer,
  RegisteredSchema,
} from '../../../../generator/registry/client.js';
import { formatReport } from '../../../../generator/report/report.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));

class FakeRegistry implements RegistryReader {
  readonly displayUrl = 'http://registry.test';
  readonly asked: string[] = [];
  constructor(
    private readonly subjects: Map<string, string[]>,
    private readonly answer: CompatibilityAnswer = { isCompatible: true, messages: [] },
  ) {}
  versions(subject: string): Promise<number[]> {
    return Promise.resolve((this.subjects.get(subject) ?? []).map((_, i) => i + 1));
  }
  version(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const list = this.subjects.get(subject)!;
    const n = version === 'latest' ? list.length : version;
    return Promise.resolve({ subject, id: n, version: n, schema: list[n - 1]! });
  }
  testCompatibility(subject: string): Promise<CompatibilityAnswer> {
    this.asked.push(subject);
    return Promise.resolve(this.answer);
  }
}

/** What the registry would hold after registering every version of the contract. */
function registered(contract: Contract): Map<string, string[]> {
  return new Map(
    contract.events.map((e) => [
      `${e.topic}-value`,
      e.versions.map((v) => registrationText(v.schema)),
    ]),
  );
}

describe('check --registry', () => {
  it('is clean when the registry holds exactly the contract', async () => {
    const contract = await loadContract(REPO);
    const report = await checkAgainstRegistry(contract, new FakeRegistry(registered(contract)));
    expect(report.findings).toEqual([]);
    expect(report.checked).toEqual([
      'shop.inventory-rejected-value',
      'shop.inventory-reserved-value',
      'shop.order-created-value',
    ]);
  });

  it('reports missing subjects and registered versions whose content differs', async () => {
    const contract = await loadContract(REPO);
    const subjects = registered(contract);
    subjects.delete('shop.inventory-rejected-value');
    const order = subjects.get('shop.order-created-value')!;
    order[0] = order[0]!.replace(
      '"name":"customerId","type":"string"',
      '"name":"customerId","type":"bytes"',
    );
    const report = await checkAgainstRegistry(contract, new FakeRegistry(subjects));
    expect(report.findings.map((f) => [f.rule, f.subject, f.file])).toEqual([
      ['REGISTRY_SUBJECT_MISSING', 'shop.inventory-rejected-value', undefined],
      ['REGISTRY_CONTENT_DIFFERS', 'shop.order-created-value', 'schemas/shop/OrderCreated/v1.avsc'],
    ]);
    expect(report.findings[1]!.message).toBe(
      'OrderCreated v1 differs from version 1 of subject "shop.order-created-value" in the registry',
    );
  });

  it('reports registered versions that no file matches', async () => {
    const contract = await loadContract(REPO);
    const subjects = registered(contract);
    const rejected = subjects.get('shop.inventory-rejected-value')!;
    rejected.push(
      rejected[0]!.replace('"fields":[', '"fields":[{"name":"x","type":"int","default":0},'),
    );
    const report = await checkAgainstRegistry(contract, new FakeRegistry(subjects));
    expect(report.findings).toEqual([
      {
        rule: 'REGISTRY_EXTRA_VERSION',
        subject: 'shop.inventory-rejected-value',
        location: '/',
        message:
          'subject "shop.inventory-rejected-value" has version 2 in the registry, and InventoryRejected has no file for it',
        fix: 'restore the version file: a registered version must not be deleted',
      },
    ]);
  });

  it('asks the registry about new versions and explains a refusal with the engine', async () => {
    const contract = await loadContract(REPO);
    const subjects = registered(contract);
    subjects.get('shop.order-created-value')!.splice(1); // the registry holds only v1
    const refusing = new FakeRegistry(subjects, { isCompatible: false, messages: ['nope'] });
    const generic = await checkAgainstRegistry(contract, refusing);
    expect(refusing.asked).toEqual(['shop.order-created-value']);
    // The engine finds v2 compatible, so the registry's own answer is reported.
    expect(generic.findings).toEqual([
      {
        rule: 'REGISTRY_INCOMPATIBLE',
        subject: 'shop.order-created-value',
        file: 'schemas/shop/OrderCreated/v2.avsc',
        location: '/',
        message:
          'OrderCreated v2 is incompatible with subject "shop.order-created-value" in the registry: nope',
        fix: "compare the registry's compatibility level and versions with the manifest",
      },
    ]);

    // A local v2 that really breaks v1 is explained field by field.
    const order = contract.events.find((e) => e.name === 'OrderCreated')!;
    const v2 = order.versions[1]!;
    const broken = JSON.parse(registrationText(v2.schema)) as {
      fields: { name: string; type: unknown }[];
    };
    broken.fields = broken.fields.map((f) => (f.name === 'customerId' ? { ...f, type: 'int' } : f));
    v2.schema = parseSchema(JSON.stringify(broken), v2.file);
    const explained = await checkAgainstRegistry(contract, refusing);
    expect(
      explained.findings.map((f) => [f.rule, f.location, f.readerVersion, f.writerVersion]),
    ).toEqual([
      ['TYPE_MISMATCH', '/fields/1/type', 2, 1],
      ['TYPE_MISMATCH', '/fields/1/type', 1, 2],
    ]);
    expect((await checkAgainstRegistry(contract, new FakeRegistry(subjects))).findings).toEqual([]);
  });

  it('reports a local version the registry would accept as a notice, not a failure', async () => {
    const contract = await loadContract(REPO);
    const subjects = registered(contract);
    subjects.get('shop.order-created-value')!.splice(1); // the registry holds only v1
    const report = await checkAgainstRegistry(contract, new FakeRegistry(subjects));
    expect(report.findings).toEqual([]);
    expect(report.notices).toEqual([
      {
        rule: 'REGISTRY_UNREGISTERED_VERSION',
        subject: 'shop.order-created-value',
        file: 'schemas/shop/OrderCreated/v2.avsc',
        location: '/',
        message:
          'OrderCreated v2 is not registered under subject "shop.order-created-value" at http://registry.test yet; the registry would accept it',
        fix: "run 'eventc register'",
      },
    ]);
    const text = formatReport(report, 'text');
    expect(text).toContain(
      'schemas/shop/OrderCreated/v2.avsc:/: OrderCreated v2 is not registered under subject',
    );
    expect(text).toContain('eventc check: no problems in 3 subjects');
    expect(formatReport(report, 'github')).toMatch(
      /^::notice file=schemas\/shop\/OrderCreated\/v2\.avsc,title=REGISTRY_UNREGISTERED_VERSION/,
    );
    expect(JSON.parse(formatReport(report, 'json'))).toMatchObject({
      compatible: true,
      notices: [{ rule: 'REGISTRY_UNREGISTERED_VERSION' }],
    });
  });
});
