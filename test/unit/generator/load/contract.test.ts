import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../generator/errors.js';
import { buildContract, loadContract, parseManifest } from '../../../../generator/load/index.js';
import type { SourceTree } from '../../../../generator/load/index.js';
import type { Contract } from '../../../../generator/model/contract.js';

const MANIFEST = `events:
  - name: Paid
    folder: shop/Paid
    topic: shop.paid
    key: { field: orderId }
services:
  - name: billing
    produces: [Paid]
  - name: email
    consumes: [{ event: Paid, version: 1 }]
`;

const money = {
  type: 'record',
  name: 'Money',
  namespace: 'com.shop',
  fields: [
    { name: 'units', type: 'long' },
    { name: 'currency', type: 'string' },
  ],
};

function paid(extra: unknown[] = []): unknown {
  return {
    type: 'record',
    name: 'Paid',
    namespace: 'com.shop',
    fields: [{ name: 'orderId', type: 'string' }, { name: 'amount', type: 'Money' }, ...extra],
  };
}

type Files = Record<string, unknown>;

function tree(files: Files): SourceTree {
  const map = new Map<string, string>();
  const folders = new Set<string>();
  for (const [path, content] of Object.entries(files)) {
    map.set(path, typeof content === 'string' ? content : JSON.stringify(content));
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return { files: map, folders };
}

const BASE: Files = {
  'schemas/shop/common/Money.avsc': money,
  'schemas/shop/Paid/v1.avsc': paid(),
  'schemas/shop/Paid/v2.avsc': paid([{ name: 'note', type: 'string', default: '' }]),
};

function build(files: Files, manifest = MANIFEST): Contract {
  return buildContract('/project', parseManifest(manifest, 'eventc.yaml'), tree(files));
}

function problems(files: Files, manifest = MANIFEST): string[] {
  try {
    build(files, manifest);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.problems.map((p) => `${p.file}:${p.pointer ?? ''}: ${p.message}`);
  }
  throw new Error('expected an InputError');
}

describe('buildContract', () => {
  test('builds events with versions, key, compatibility and resolved service versions', () => {
    const contract = build(BASE);
    expect(contract.root).toBe('/project');
    const [event] = contract.events;
    expect(event?.versions.map((v) => [v.version, v.file])).toEqual([
      [1, 'schemas/shop/Paid/v1.avsc'],
      [2, 'schemas/shop/Paid/v2.avsc'],
    ]);
    expect(event?.folder).toBe('schemas/shop/Paid');
    expect(event?.key).toEqual({ field: 'orderId' });
    expect(event?.compatibility).toBe('BACKWARD');
    expect(contract.services).toEqual([
      { name: 'billing', produces: [{ event: 'Paid', version: 2 }], consumes: [] },
      { name: 'email', produces: [], consumes: [{ event: 'Paid', version: 1 }] },
    ]);
  });

  test('a missing event folder, with a suggestion', () => {
    const files = {
      'schemas/shop/common/Money.avsc': money,
      'schemas/shop/Payd/v1.avsc': paid(),
    };
    expect(problems(files)).toEqual([
      'eventc.yaml:3:13: events[0].folder: folder "schemas/shop/Paid" does not exist. Did you mean "schemas/shop/Payd"?',
    ]);
  });

  test('version files must be contiguous from v1', () => {
    const files = { ...BASE, 'schemas/shop/Paid/v4.avsc': paid() };
    expect(problems(files)).toEqual([
      'eventc.yaml:3:13: events[0].folder: versions in "schemas/shop/Paid" must be v1..v4 without gaps; missing v3.avsc',
    ]);
    const noV1 = { 'schemas/shop/common/Money.avsc': money, 'schemas/shop/Paid/v2.avsc': paid() };
    expect(problems(noV1)[0]).toMatch(/without gaps; missing v1\.avsc$/);
  });

  test('schema files must be named v<N>.avsc', () => {
    const files = {
      ...BASE,
      'schemas/shop/Paid/v03.avsc': paid(),
      'schemas/shop/Paid/latest.avsc': paid(),
    };
    expect(problems(files)).toEqual([
      'eventc.yaml:3:13: events[0].folder: folder "schemas/shop/Paid" has schema files not named v<N>.avsc: latest.avsc, v03.avsc',
    ]);
  });

  test('an empty event folder', () => {
    const files = { 'schemas/shop/common/Money.avsc': money, 'schemas/shop/Paid/README.md': 'x' };
    expect(problems(files)).toEqual([
      'eventc.yaml:3:13: events[0].folder: folder "schemas/shop/Paid" has no version files (expected v1.avsc)',
    ]);
  });

  test('a key field that is not in the record, with a suggestion', () => {
    const manifest = MANIFEST.replace('field: orderId', 'field: orderID');
    expect(problems(BASE, manifest)).toEqual([
      'eventc.yaml:5:19: events[0].key.field: key field "orderID" is not a field of com.shop.Paid in version 1. Did you mean "orderId"?',
      'eventc.yaml:5:19: events[0].key.field: key field "orderID" is not a field of com.shop.Paid in version 2. Did you mean "orderId"?',
    ]);
  });

  test('a key field must have a primitive type', () => {
    const manifest = MANIFEST.replace('field: orderId', 'field: amount');
    expect(problems(BASE, manifest)[0]).toBe(
      'eventc.yaml:5:19: events[0].key.field: key field "amount" in version 1 must have a primitive type other than null (string, long, ...), not a ref',
    );
  });

  test('a key schema file', () => {
    const manifest = MANIFEST.replace(
      'key: { field: orderId }',
      'key: { schema: shop/PaidKey.avsc }',
    );
    const contract = build({ ...BASE, 'schemas/shop/PaidKey.avsc': '"string"' }, manifest);
    expect(contract.events[0]?.key).toMatchObject({
      file: 'schemas/shop/PaidKey.avsc',
      schema: { canonical: '"string"' },
    });
    expect(problems(BASE, manifest)).toEqual([
      'eventc.yaml:5:20: events[0].key.schema: key schema file "schemas/shop/PaidKey.avsc" does not exist',
    ]);
  });

  test('a service asking for a version that does not exist', () => {
    expect(problems(BASE, MANIFEST.replace('version: 1', 'version: 3'))).toEqual([
      'eventc.yaml:10:40: services[1].consumes[0].version: event "Paid" has no version 3; its versions are 1..2',
    ]);
  });

  test('an event schema must be a record', () => {
    const files = { ...BASE, 'schemas/shop/Paid/v2.avsc': '"string"' };
    expect(problems(files)).toEqual([
      'schemas/shop/Paid/v2.avsc:/: an event schema must be a record',
    ]);
  });

  test('problems inside schema files carry the file and JSON pointer', () => {
    const files = { ...BASE, 'schemas/shop/Paid/v2.avsc': paid([{ name: 'note', type: 'Mony' }]) };
    expect(problems(files)).toEqual([
      'schemas/shop/Paid/v2.avsc:/fields/2/type: unknown type "Mony". Did you mean "com.shop.Money"?',
    ]);
  });

  test('JSON syntax errors and binary files', () => {
    const files = {
      ...BASE,
      'schemas/shop/Paid/v2.avsc': '{\n  "type": "record",\n  "name": "Paid" "fields": []\n}',
    };
    expect(problems(files)).toEqual([
      'schemas/shop/Paid/v2.avsc:3:18: invalid JSON: unexpected character "\\"", expected "," or "}"',
    ]);
    const binary = tree(BASE);
    (binary.files as Map<string, Uint8Array | string>).set(
      'schemas/shop/Paid/v2.avsc',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
    );
    expect(() => buildContract('/p', parseManifest(MANIFEST, 'eventc.yaml'), binary)).toThrow(
      'schemas/shop/Paid/v2.avsc: contains a NUL byte at byte offset 8; is it a binary file?',
    );
  });

  test('shared types load in dependency order and resolve by full name', () => {
    // "Amount" sorts before "Money" but depends on it.
    const amount = {
      type: 'record',
      name: 'Amount',
      namespace: 'com.shop',
      fields: [{ name: 'value', type: 'Money' }],
    };
    const files = {
      ...BASE,
      'schemas/shop/common/Amount.avsc': amount,
      'schemas/shop/Paid/v2.avsc': paid([{ name: 'net', type: 'com.shop.Amount' }]),
    };
    const v2 = build(files).events[0]?.versions[1]?.schema;
    expect([...(v2?.named.keys() ?? [])]).toEqual([
      'com.shop.Paid',
      'com.shop.Money',
      'com.shop.Amount',
    ]);
    expect(v2?.named.get('com.shop.Amount')?.source).toEqual({
      file: 'schemas/shop/common/Amount.avsc',
      pointer: '',
    });
  });

  test('shared types that depend on each other across files', () => {
    const a = { type: 'record', name: 'A', fields: [{ name: 'b', type: ['null', 'B'] }] };
    const b = { type: 'record', name: 'B', fields: [{ name: 'a', type: ['null', 'A'] }] };
    expect(
      problems({ ...BASE, 'schemas/shop/common/A.avsc': a, 'schemas/shop/common/B.avsc': b }),
    ).toEqual([
      'schemas/shop/common/A.avsc:: shared types form a cycle across files: this file needs schemas/shop/common/B.avsc, which need it in turn; put mutually recursive types in one file',
      'schemas/shop/common/B.avsc:: shared types form a cycle across files: this file needs schemas/shop/common/A.avsc, which need it in turn; put mutually recursive types in one file',
    ]);
  });

  test('a shared type defined twice, and an event redefining a shared type', () => {
    const files = { ...BASE, 'schemas/shop/common/Money2.avsc': money };
    expect(problems(files)).toEqual([
      'schemas/shop/common/Money2.avsc:/name: type "com.shop.Money" is already defined at schemas/shop/common/Money.avsc:/; a full name can be defined only once',
    ]);
    const redefined = {
      ...BASE,
      'schemas/shop/Paid/v2.avsc': paid([{ name: 'm', type: { ...money, name: 'Money' } }]),
    };
    expect(problems(redefined)).toEqual([
      'schemas/shop/Paid/v2.avsc:/fields/2/type/name: type "com.shop.Money" is already defined at schemas/shop/common/Money.avsc:/; a full name can be defined only once',
    ]);
  });

  test('a missing schema root', () => {
    expect(problems({}, `schemas: nowhere\n${MANIFEST}`)).toContain(
      'eventc.yaml:1:10: schemas: schema folder "nowhere" does not exist',
    );
  });
});

describe('loadContract', () => {
  test('reads eventc.yaml and the schema files from disk', async () => {
    const root = await mkdtemp(join(tmpdir(), 'eventc-load-'));
    try {
      await expect(loadContract(root)).rejects.toThrow(
        /^eventc\.yaml: not found in .* or any folder above it; run `eventc init`/,
      );
      await writeFile(join(root, 'eventc.yaml'), MANIFEST);
      for (const [path, content] of Object.entries(BASE)) {
        await mkdir(join(root, path, '..'), { recursive: true });
        await writeFile(join(root, path), JSON.stringify(content));
      }
      const contract = await loadContract(root);
      expect(contract.events[0]?.versions).toHaveLength(2);
      await writeFile(join(root, 'schemas/shop/Paid/v2.avsc'), new Uint8Array([0xc3, 0x28]));
      await expect(loadContract(root)).rejects.toThrow(
        'schemas/shop/Paid/v2.avsc: is not valid UTF-8 text; is it a binary file?',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
