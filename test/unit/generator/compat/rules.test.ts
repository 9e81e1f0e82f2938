/**
 * One readable case per compatibility rule, asserting the exact finding: rule id, Avro's
 * location, the named path, the sentence and the fix.
 */
import { describe, expect, it } from 'vitest';
import { checkPair, type VersionedSchema } from '../../../../generator/compat/levels.js';
import { compatRules } from '../../../../generator/compat/rules/index.js';
import { parseSchema } from '../../../../generator/load/index.js';

function version(n: number, schema: unknown): VersionedSchema {
  const file = `schemas/shop/Order/v${n}.avsc`;
  return { version: n, file, schema: parseSchema(JSON.stringify(schema), file) };
}

function order(fields: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { type: 'record', name: 'Order', namespace: 'com.shop', fields, ...extra };
}

/** Findings when v2 (the reader) reads v1 data (the writer). */
function v2ReadsV1(v1: unknown, v2: unknown) {
  const reader = version(2, v2);
  return checkPair(reader, version(1, v1), reader, 'Order');
}

describe('compatibility rules', () => {
  it('every rule has an id and a one-sentence purpose', () => {
    expect(compatRules.map((r) => r.id)).toEqual([
      'TYPE_MISMATCH',
      'NAME_MISMATCH',
      'FIXED_SIZE_MISMATCH',
      'MISSING_ENUM_SYMBOLS',
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      'MISSING_UNION_BRANCH',
      'READER_FIELD_ALIAS_AMBIGUOUS',
    ]);
    for (const rule of compatRules) expect(rule.purpose).toMatch(/^[A-Z].*\.$/);
  });

  it('TYPE_MISMATCH: a field changed from double to string', () => {
    const findings = v2ReadsV1(
      order([
        { name: 'id', type: 'string' },
        { name: 'amount', type: 'double' },
      ]),
      order([
        { name: 'id', type: 'string' },
        { name: 'amount', type: 'string' },
      ]),
    );
    expect(findings).toEqual([
      {
        rule: 'TYPE_MISMATCH',
        subject: 'Order',
        readerVersion: 2,
        writerVersion: 1,
        file: 'schemas/shop/Order/v2.avsc',
        location: '/fields/1/type',
        path: '/fields/amount/type',
        message: 'field "amount" changed from double to string; readers of v2 cannot read v1 data',
        fix: 'keep double, or add a new field with the new type',
      },
    ]);
  });

  it('TYPE_MISMATCH: promotions are compatible, demotions are not', () => {
    const intToLong = v2ReadsV1(
      order([{ name: 'n', type: 'int' }]),
      order([{ name: 'n', type: 'long' }]),
    );
    expect(intToLong).toEqual([]);
    const bytesToString = v2ReadsV1(
      order([{ name: 'b', type: 'bytes' }]),
      order([{ name: 'b', type: 'string' }]),
    );
    expect(bytesToString).toEqual([]);
    const [longToInt] = v2ReadsV1(
      order([{ name: 'n', type: 'long' }]),
      order([{ name: 'n', type: 'int' }]),
    );
    expect(longToInt?.message).toBe(
      'field "n" changed from long to int; readers of v2 cannot read v1 data',
    );
    expect(longToInt?.fix).toBe(
      'keep long, or change it to a type long is promoted to (float, double)',
    );
  });

  it('TYPE_MISMATCH: logical types are ignored, only the underlying type counts', () => {
    const findings = v2ReadsV1(
      order([{ name: 'at', type: 'long' }]),
      order([{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }]),
    );
    expect(findings).toEqual([]);
  });

  it('NAME_MISMATCH: a record renamed without an alias', () => {
    const money = (name: string, extra: Record<string, unknown> = {}) => ({
      type: 'record',
      name,
      fields: [{ name: 'cents', type: 'long' }],
      ...extra,
    });
    const [finding] = v2ReadsV1(
      order([{ name: 'total', type: money('Money') }]),
      order([{ name: 'total', type: money('Amount') }]),
    );
    expect(finding).toMatchObject({
      rule: 'NAME_MISMATCH',
      location: '/fields/0/type/name',
      path: '/fields/total/type/name',
      message:
        'field "total": record "com.shop.Money" was renamed to "com.shop.Amount"; readers of v2 cannot read v1 data',
      fix: 'add the alias "com.shop.Money" to record "com.shop.Amount"',
    });
    // With the alias, or with only the namespace changed, the names match.
    const aliased = money('Amount', { aliases: ['Money'] });
    expect(
      v2ReadsV1(
        order([{ name: 'total', type: money('Money') }]),
        order([{ name: 'total', type: aliased }]),
      ),
    ).toEqual([]);
    const moved = money('Money', { namespace: 'com.billing' });
    expect(
      v2ReadsV1(
        order([{ name: 'total', type: money('Money') }]),
        order([{ name: 'total', type: moved }]),
      ),
    ).toEqual([]);
  });

  it('FIXED_SIZE_MISMATCH: a fixed type changed size', () => {
    const hash = (size: number) => ({ type: 'fixed', name: 'Hash', size });
    const [finding] = v2ReadsV1(
      order([{ name: 'digest', type: hash(16) }]),
      order([{ name: 'digest', type: hash(32) }]),
    );
    expect(finding).toMatchObject({
      rule: 'FIXED_SIZE_MISMATCH',
      location: '/fields/0/type/size',
      path: '/fields/digest/type/size',
      message:
        'field "digest": fixed "com.shop.Hash" changed size from 16 to 32 bytes; readers of v2 cannot read v1 data',
      fix: 'keep the size 16; add a new field for values of the new size',
    });
  });

  it('MISSING_ENUM_SYMBOLS: the reader lost symbols and has no enum default', () => {
    const status = (symbols: string[], extra: Record<string, unknown> = {}) => ({
      type: 'enum',
      name: 'Status',
      symbols,
      ...extra,
    });
    const [finding] = v2ReadsV1(
      order([{ name: 'status', type: status(['NEW', 'PAID', 'SHIPPED', 'CANCELLED']) }]),
      order([{ name: 'status', type: status(['NEW', 'PAID']) }]),
    );
    expect(finding).toMatchObject({
      rule: 'MISSING_ENUM_SYMBOLS',
      location: '/fields/0/type/symbols',
      path: '/fields/status/type/symbols',
      message:
        'field "status": enum "com.shop.Status" dropped the symbols "CANCELLED", "SHIPPED" and has no default symbol; readers of v2 cannot read v1 data',
      fix: 'keep "CANCELLED", "SHIPPED" in the enum, or give enum "com.shop.Status" a default symbol',
    });
    // Avro 1.12: an enum default makes unknown writer symbols readable.
    const withDefault = status(['NEW', 'PAID'], { default: 'NEW' });
    expect(
      v2ReadsV1(
        order([{ name: 'status', type: status(['NEW', 'PAID', 'SHIPPED', 'CANCELLED']) }]),
        order([{ name: 'status', type: withDefault }]),
      ),
    ).toEqual([]);
  });

  it('READER_FIELD_MISSING_DEFAULT_VALUE: a new field without a default', () => {
    const [finding] = v2ReadsV1(
      order([{ name: 'id', type: 'string' }]),
      order([
        { name: 'id', type: 'string' },
        { name: 'currency', type: 'string' },
      ]),
    );
    expect(finding).toMatchObject({
      rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      location: '/fields/1',
      path: '/fields/currency',
      message: 'field "currency" was added without a default; readers of v2 cannot read v1 data',
      fix: 'add a default to field "currency", or an alias naming the old field if it was renamed',
    });
    // A renamed field with an alias to its old name finds the writer's field.
    const renamed = order([{ name: 'orderId', type: 'string', aliases: ['id'] }]);
    expect(v2ReadsV1(order([{ name: 'id', type: 'string' }]), renamed)).toEqual([]);
  });

  it('READER_FIELD_MISSING_DEFAULT_VALUE as Avro reports it for an enum field with an enum default', () => {
    const [finding] = v2ReadsV1(
      order([{ name: 'id', type: 'string' }]),
      order([
        { name: 'id', type: 'string' },
        {
          name: 'status',
          type: { type: 'enum', name: 'Status', symbols: ['NEW'], default: 'NEW' },
        },
      ]),
    );
    // Avro compares the enum with the writer record and reports a TYPE_MISMATCH there.
    expect(finding).toMatchObject({
      rule: 'TYPE_MISMATCH',
      location: '/fields/1/type',
      message:
        'field "status" was added without a default (an enum\'s default symbol does not count for a missing field); readers of v2 cannot read v1 data',
      fix: 'add a default to field "status"',
    });
  });

  it('MISSING_UNION_BRANCH: the reader union lacks a type the writer writes', () => {
    const [finding] = v2ReadsV1(
      order([{ name: 'note', type: 'string' }]),
      order([{ name: 'note', type: ['null', 'int'] }]),
    );
    expect(finding).toMatchObject({
      rule: 'MISSING_UNION_BRANCH',
      location: '/fields/0/type',
      path: '/fields/note/type',
      message:
        'field "note" changed from string to union [null, int], which has no branch reading string; readers of v2 cannot read v1 data',
      fix: 'add string to the union',
    });
  });

  it('MISSING_UNION_BRANCH: a writer union branch the reader union cannot read', () => {
    const [finding] = v2ReadsV1(
      order([{ name: 'note', type: ['null', 'string', 'int'] }]),
      order([{ name: 'note', type: ['null', 'string'] }]),
    );
    expect(finding).toMatchObject({
      rule: 'MISSING_UNION_BRANCH',
      location: '/fields/0/type/2',
      path: '/fields/note/type/2',
      message:
        'field "note": the union [null, string] no longer reads int (branch 2 of the older union); readers of v2 cannot read v1 data',
      fix: 'add int back to the union',
    });
  });

  it('READER_FIELD_ALIAS_AMBIGUOUS: a field alias naming a field the writer still has', () => {
    const findings = v2ReadsV1(
      order([
        { name: 'id', type: 'string' },
        { name: 'ref', type: 'string' },
      ]),
      order([
        { name: 'id', type: 'string', aliases: ['ref'] },
        { name: 'ref', type: 'string' },
      ]),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'READER_FIELD_ALIAS_AMBIGUOUS',
        location: '/fields/0',
        message:
          'field "id" matches the writer\'s fields "id" and "ref" through its name and aliases; readers of v2 cannot read v1 data',
      }),
    ]);
  });

  it('FORWARD findings describe the change from the old reader to the new writer', () => {
    const v1 = version(
      1,
      order([
        { name: 'id', type: 'string' },
        { name: 'qty', type: 'int' },
      ]),
    );
    const v2 = version(
      2,
      order([
        { name: 'id', type: 'string' },
        { name: 'qty', type: 'long' },
      ]),
    );
    // v1 reads v2 data: the finding is filed on v2, the new version.
    expect(checkPair(v1, v2, v2, 'Order')).toEqual([
      {
        rule: 'TYPE_MISMATCH',
        subject: 'Order',
        readerVersion: 1,
        writerVersion: 2,
        file: 'schemas/shop/Order/v2.avsc',
        location: '/fields/1/type',
        path: '/fields/qty/type',
        message: 'field "qty" changed from int to long; readers of v1 cannot read v2 data',
        fix: 'keep int, or add a new field with the new type',
      },
    ]);
    const v3 = version(3, order([{ name: 'id', type: 'string' }]));
    const [removed] = checkPair(v2, v3, v3, 'Order');
    expect(removed).toMatchObject({
      rule: 'READER_FIELD_MISSING_DEFAULT_VALUE',
      message:
        'field "qty" was removed or renamed, and the older schema has no default for it; readers of v2 cannot read v3 data',
      fix: 'keep field "qty": only a field with a default can be removed',
    });
  });

  it('READER_FIELD_ALIAS_AMBIGUOUS follows Avro: aliases are a set, the name is not one of them', () => {
    const v1 = order([{ name: 'ref', type: 'string' }]);
    // A repeated alias matches the writer's field once: no ambiguity.
    expect(v2ReadsV1(v1, order([{ name: 'id', type: 'string', aliases: ['ref', 'ref'] }]))).toEqual(
      [],
    );
    // The field's own name as an alias matches the same writer field twice: Avro refuses it.
    const [self] = v2ReadsV1(v1, order([{ name: 'ref', type: 'string', aliases: ['ref'] }]));
    expect(self?.rule).toBe('READER_FIELD_ALIAS_AMBIGUOUS');
  });

  it('recursive records terminate and are checked through the cycle', () => {
    const node = (valueType: string) =>
      order([
        { name: 'value', type: valueType },
        { name: 'next', type: ['null', 'Order'], default: null },
      ]);
    expect(v2ReadsV1(node('int'), node('long'))).toEqual([]);
    const [finding] = v2ReadsV1(node('long'), node('int'));
    expect(finding).toMatchObject({ rule: 'TYPE_MISMATCH', location: '/fields/0/type' });
  });
});
