/**
 * Schema resolution through generated codecs: a value written with an older version reads
 * into the newer version's read type (defaults filled in, nested types that changed between
 * versions resolved), and the newer one reads back into the older, as consumers compiled
 * for either version do.
 */
import { describe, expect, it } from 'vitest';
import { registrationText } from '../../generator/model/schema-text.js';
import { avroType } from '../../runtime/codec/avro-type.js';
import { caseSchemas } from './harness.js';

describe('resolution across versions (golden case manifest)', () => {
  it('reads OrderPlaced v1 as v3 and v3 as v1', async () => {
    const [v1, , v3] = (await caseSchemas('manifest')).map((s) => avroType(registrationText(s)));
    const id = '123e4567-e89b-42d3-a456-426614174000';
    const old = { id, total: { cents: 250, currency: 'USD' }, status: 'PAID' };
    const asV3 = v3!.fromBuffer(v1!.toBuffer(old), v3!.createResolver(v1!));
    expect(asV3).toEqual({ ...old, note: null, lines: [], placedAt: new Date(0) });

    const current = {
      ...old,
      note: 'gift',
      lines: [{ sku: 'A', price: { cents: 1, currency: 'EUR' }, quantity: 3 }],
      placedAt: new Date(1_700_000_000_000),
    };
    expect(v1!.fromBuffer(v3!.toBuffer(current), v1!.createResolver(v3!))).toEqual(old);
  });
});
