import { afterEach, describe, expect, it } from 'vitest';
import { parseSchema } from '../../../../generator/load/index.js';
import type { Contract } from '../../../../generator/model/contract.js';
import { RegistryClient } from '../../../../generator/registry/client.js';
import { describePlan } from '../../../../generator/registry/plan.js';
import { registerContract, summarize } from '../../../../generator/registry/register.js';
import { startFakeRegistry } from './fake-registry.js';
import type { FakeRegistry } from './fake-registry.js';

const record = (fields: object[]) => ({ type: 'record', name: 'Ping', namespace: 'com.t', fields });
const v1 = record([{ name: 'a', type: 'int' }]);
const v2 = record([
  { name: 'a', type: 'int' },
  { name: 'b', type: 'string', default: 'x' },
]);
const refused = record([
  { name: 'a', type: 'string', doc: 'x' },
  { name: 'refuse_me', type: 'int', default: 0 },
]);

function contract(
  versions: object[],
  strategy: Contract['registry']['subjectNameStrategy'] = 'TopicNameStrategy',
): Contract {
  return {
    root: '/p',
    manifestFile: 'eventc.yaml',
    schemaRoot: 'schemas',
    registry: { urlEnv: 'U', defaultUrl: 'http://x', subjectNameStrategy: strategy },
    compatibility: 'BACKWARD',
    events: [
      {
        name: 'Ping',
        folder: 'schemas/Ping',
        topic: 'pings',
        compatibility: 'FULL',
        versions: versions.map((s, i) => ({
          version: i + 1,
          file: `schemas/Ping/v${i + 1}.avsc`,
          schema: parseSchema(JSON.stringify(s), `schemas/Ping/v${i + 1}.avsc`),
        })),
        key: {
          file: 'schemas/Ping/key.avsc',
          schema: parseSchema('"string"', 'schemas/Ping/key.avsc'),
        },
      },
    ],
    services: [],
    lint: { disable: [] },
    topics: { defaults: {}, byTopic: {} },
  };
}

let fake: FakeRegistry | undefined;
afterEach(async () => fake?.close());

describe.each(['confluent', 'apicurio'] as const)('register against a %s-like registry', (mode) => {
  it('sets the level, registers in order, then has nothing to do', async () => {
    fake = await startFakeRegistry(mode);
    const client = new RegistryClient({ url: fake.url, retries: 0 });
    const lines: string[] = [];
    const first = await registerContract(contract([v1, v2]), client, { log: (l) => lines.push(l) });
    expect(summarize(first)).toEqual(['registered 3, unchanged 0, levels set 2']);
    expect(fake.subjects.get('pings-value')?.level).toBe('FULL');
    expect(
      fake.subjects.get('pings-value')?.versions.map((v) => JSON.parse(v.schema).fields.length),
    ).toEqual([1, 2]);
    expect(fake.subjects.get('pings-key')?.versions.map((v) => v.schema)).toEqual(['"string"']);
    const writes = fake.log.filter(
      (l) =>
        !l.startsWith('GET') &&
        l.includes('pings-value') &&
        !/^POST \/subjects\/pings-value$/.test(l),
    );
    // Confluent takes the level before the first version; Apicurio only after it.
    expect(writes).toEqual(
      mode === 'confluent'
        ? [
            'PUT /config/pings-value',
            'POST /subjects/pings-value/versions',
            'POST /subjects/pings-value/versions',
          ]
        : [
            'PUT /config/pings-value',
            'POST /subjects/pings-value/versions',
            'PUT /config/pings-value',
            'POST /subjects/pings-value/versions',
          ],
    );
    expect(lines).toContain('set pings-value compatibility to FULL');
    fake.log.length = 0;
    const again = await registerContract(contract([v1, v2]), client);
    expect(summarize(again)).toEqual(['nothing to do: 3 versions already registered']);
    expect(
      fake.log.filter((l) => !l.startsWith('GET') && !/^POST \/subjects\/[^/]+$/.test(l)),
    ).toEqual([]);
  });

  it('stops a subject at a refused version and explains it', async () => {
    fake = await startFakeRegistry(mode);
    const client = new RegistryClient({ url: fake.url, retries: 0 });
    const result = await registerContract(contract([v1, refused, v2]), client);
    expect(fake.subjects.get('pings-value')?.versions).toHaveLength(1);
    expect(result.rejections).toEqual([
      expect.objectContaining({
        subject: 'pings-value',
        version: 2,
        skipped: [3],
        file: 'schemas/Ping/v2.avsc',
      }),
    ]);
    const text = summarize(result).join('\n');
    expect(text).toContain('pings-value: the registry refused v2 (schemas/Ping/v2.avsc) of Ping');
    expect(text).toContain('(error 40901)');
    expect(text).toMatch(/schemas\/Ping\/v2\.avsc:\/fields\/a\/type: .*\[TYPE_MISMATCH\]/);
    expect(text).toContain('not registered after it: v3');
    expect(text.split('\n').at(-1)).toBe('registered 2, unchanged 0, levels set 2, refused 1');
  });

  it('changes nothing on a dry run and describes the plan', async () => {
    fake = await startFakeRegistry(mode);
    const client = new RegistryClient({ url: fake.url, retries: 0 });
    await registerContract(contract([v1]), client);
    fake.log.length = 0;
    const dry = await registerContract(contract([v1, v2]), client, { dryRun: true });
    expect(fake.log.every((l) => l.startsWith('GET') || /^POST \/subjects\/[^/]+$/.test(l))).toBe(
      true,
    );
    expect(describePlan(dry.plan, 'http://reg')).toEqual([
      'plan for http://reg:',
      '  pings-value (Ping value): add v2',
      'would register 1, unchanged 2, levels to set 0',
    ]);
  });
});

it('names subjects by the record strategies', async () => {
  fake = await startFakeRegistry('confluent');
  const client = new RegistryClient({ url: fake.url, retries: 0 });
  await registerContract(contract([v1], 'RecordNameStrategy'), client);
  await registerContract(contract([v1], 'TopicRecordNameStrategy'), client);
  expect([...fake.subjects.keys()].sort()).toEqual([
    'com.t.Ping',
    'pings-com.t.Ping',
    'pings-string',
    'string',
  ]);
});

it('prints progress and a summary for large sets', async () => {
  fake = await startFakeRegistry('confluent');
  const client = new RegistryClient({ url: fake.url, retries: 0 });
  const base = contract([v1]);
  const events = Array.from({ length: 24 }, (_, i) => ({
    ...base.events[0]!,
    name: `Ping${String(i).padStart(2, '0')}`,
    topic: `pings-${String(i).padStart(2, '0')}`,
    key: undefined,
  }));
  const lines: string[] = [];
  const result = await registerContract({ ...base, events }, client, { log: (l) => lines.push(l) });
  expect(lines.filter((l) => l.startsWith('checked '))).toEqual([
    'checked 20/24 subjects',
    'checked 24/24 subjects',
  ]);
  expect(lines).toContain('[24/24] registered pings-23-value v1 as id 1 (registry version 1)');
  expect(summarize(result)).toEqual(['registered 24, unchanged 0, levels set 24']);
});
