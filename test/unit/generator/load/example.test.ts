import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avsc from 'avsc';
import { describe, expect, test } from 'vitest';
import { loadContract } from '../../../../generator/load/index.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

describe('the example contract', () => {
  test('loads', async () => {
    const contract = await loadContract(ROOT);
    expect(contract.root).toBe(ROOT.replace(/\/$/, ''));
    expect(contract.manifestFile).toBe('eventc.yaml');
    expect(contract.schemaRoot).toBe('schemas');
    expect(contract.compatibility).toBe('BACKWARD');
    expect(contract.registry.subjectNameStrategy).toBe('TopicNameStrategy');
    expect(
      contract.events.map((e) => [e.name, e.topic, e.compatibility, e.versions.map((v) => v.file)]),
    ).toEqual([
      [
        'InventoryRejected',
        'shop.inventory-rejected',
        'BACKWARD',
        ['schemas/shop/InventoryRejected/v1.avsc'],
      ],
      [
        'InventoryReserved',
        'shop.inventory-reserved',
        'BACKWARD',
        ['schemas/shop/InventoryReserved/v1.avsc'],
      ],
      [
        'OrderCreated',
        'shop.order-created',
        'FULL_TRANSITIVE',
        ['schemas/shop/OrderCreated/v1.avsc', 'schemas/shop/OrderCreated/v2.avsc'],
      ],
    ]);
    expect(contract.services).toEqual([
      {
        name: 'email',
        produces: [],
        consumes: [
          { event: 'InventoryRejected', version: 1 },
          { event: 'InventoryReserved', version: 1 },
          { event: 'OrderCreated', version: 1 },
        ],
      },
      {
        name: 'inventory',
        produces: [
          { event: 'InventoryRejected', version: 1 },
          { event: 'InventoryReserved', version: 1 },
        ],
        consumes: [{ event: 'OrderCreated', version: 2 }],
      },
      { name: 'order', produces: [{ event: 'OrderCreated', version: 2 }], consumes: [] },
    ]);
  });

  test('shared types are resolved and inlined in canonical form as avsc does', async () => {
    const contract = await loadContract(ROOT);
    const order = contract.events.find((e) => e.name === 'OrderCreated');
    const v2 = order?.versions[1]?.schema;
    expect([...(v2?.named.keys() ?? [])]).toEqual([
      'com.example.shop.OrderCreated',
      'com.example.shop.LineItem',
      'com.example.shop.Money',
      'com.example.shop.Address',
      'com.example.shop.SalesChannel',
    ]);
    expect(v2?.named.get('com.example.shop.Money')?.source.file).toBe(
      'schemas/shop/common/Money.avsc',
    );
    // avsc resolves the shared names through a registry filled with the shared files.
    const registry = {};
    for (const name of ['Money', 'Address', 'LineItem']) {
      const text = readFileSync(`${ROOT}schemas/shop/common/${name}.avsc`, 'utf8');
      avsc.Type.forSchema(JSON.parse(text) as avsc.Schema, { registry });
    }
    const text = readFileSync(`${ROOT}schemas/shop/OrderCreated/v2.avsc`, 'utf8');
    const type = avsc.Type.forSchema(JSON.parse(text) as avsc.Schema, { registry });
    expect(v2?.canonical).toBe(JSON.stringify(type.schema({ exportAttrs: false })));
  });

  test('every event and every field has a doc', async () => {
    const contract = await loadContract(ROOT);
    for (const event of contract.events) {
      for (const { schema } of event.versions) {
        for (const type of schema.named.values()) {
          expect(type.doc, type.name).toBeTruthy();
          if (type.kind === 'record') {
            for (const field of type.fields)
              expect(field.doc, `${type.name}.${field.name}`).toBeTruthy();
          }
        }
      }
    }
  });
});
