/**
 * `eventc check --registry` against the real registry: a registered contract is clean, a
 * compatible new version passes the registry's own check, an incompatible one is refused by
 * the registry and explained field by field, edited and missing subjects are reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAgainstRegistry } from '../../generator/registry/check.js';
import type { Contract } from '../../generator/model/contract.js';
import { RegistryClient } from '../../generator/registry/client.js';
import { registerContract } from '../../generator/registry/register.js';
import { makeContract, order, REGISTRY_URL, shipment, uniquePrefix } from './registry/contract.js';

const client = new RegistryClient({ url: REGISTRY_URL, retries: 3 });

function contract(prefix: string, orderVersions: object[], withShipment = true): Contract {
  return makeContract([
    { name: 'OrderPlaced', topic: `${prefix}.orders`, level: 'BACKWARD', versions: orderVersions },
    ...(withShipment
      ? [
          {
            name: 'ShipmentSent',
            topic: `${prefix}.shipments`,
            level: 'FULL' as const,
            versions: [shipment.v1],
          },
        ]
      : []),
  ]);
}

describe('eventc check --registry', () => {
  const prefix = uniquePrefix();
  const orders = `${prefix}.orders-value`;

  beforeAll(async () => {
    const result = await registerContract(contract(prefix, [order.v1, order.v2], false), client, {
      dryRun: false,
    });
    expect(result.rejections).toEqual([]);
  });

  it('reports the unregistered subject and nothing else', async () => {
    const report = await checkAgainstRegistry(contract(prefix, [order.v1, order.v2]), client);
    expect(report.findings.map((f) => [f.rule, f.subject])).toEqual([
      ['REGISTRY_SUBJECT_MISSING', `${prefix}.shipments-value`],
    ]);
  });

  it('passes a compatible new version through the registry', async () => {
    const report = await checkAgainstRegistry(
      contract(prefix, [order.v1, order.v2, order.v3], false),
      client,
    );
    expect(report.findings).toEqual([]);
  });

  it('explains a new version the registry refuses', async () => {
    const report = await checkAgainstRegistry(
      contract(prefix, [order.v1, order.v2, order.bad], false),
      client,
    );
    expect(report.findings.map((f) => [f.rule, f.subject, f.location, f.file])).toEqual([
      ['TYPE_MISMATCH', orders, '/fields/1/type', 'schemas/test/OrderPlaced/v3.avsc'],
    ]);
    expect(report.findings[0]!.message).toBe(
      'field "amount" changed from double to string; readers of v3 cannot read v2 data',
    );
  });

  it('reports a registered version whose file changed', async () => {
    const editedV2 = { ...order.v2, fields: [...order.v2.fields.slice(0, 2)] };
    const report = await checkAgainstRegistry(
      contract(prefix, [order.v1, editedV2], false),
      client,
    );
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
      ['REGISTRY_CONTENT_DIFFERS', 'schemas/test/OrderPlaced/v2.avsc'],
    ]);
  });
});
