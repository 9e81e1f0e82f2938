import { describe, expect, it } from 'vitest';
import { avroType } from '../../../../runtime/codec/avro-type.js';

function roundTrip(schema: object, value: unknown): unknown {
  const t = avroType(schema);
  return t.fromBuffer(t.toBuffer(value));
}

describe('logical types', () => {
  it('decimal on bytes and fixed is an exact string with scale digits', () => {
    const bytes = { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 };
    expect(roundTrip(bytes, '-12.5')).toBe('-12.50');
    expect(roundTrip(bytes, '0')).toBe('0.00');
    expect(roundTrip(bytes, '9999999.99')).toBe('9999999.99');
    const fixed = {
      type: 'fixed',
      name: 'D',
      size: 4,
      logicalType: 'decimal',
      precision: 9,
      scale: 0,
    };
    expect(roundTrip(fixed, '-123456789')).toBe('-123456789');
    const t = avroType(bytes);
    expect(t.isValid('1.234')).toBe(false);
    expect(t.isValid('12345678.00')).toBe(false);
    expect(t.isValid(1.5)).toBe(false);
    // -1.28 is the two's complement byte 0x80
    expect(t.toBuffer('-1.28')).toEqual(Buffer.from([0x02, 0x80]));
  });

  it('uuid is a validated string', () => {
    const t = avroType({ type: 'string', logicalType: 'uuid' });
    const id = '123e4567-e89b-42d3-a456-426614174000';
    expect(t.fromBuffer(t.toBuffer(id))).toBe(id);
    expect(t.isValid('not-a-uuid')).toBe(false);
  });

  it('date is YYYY-MM-DD, time-* are numbers after midnight', () => {
    expect(roundTrip({ type: 'int', logicalType: 'date' }, '2024-02-29')).toBe('2024-02-29');
    expect(roundTrip({ type: 'int', logicalType: 'date' }, '1969-12-31')).toBe('1969-12-31');
    expect(avroType({ type: 'int', logicalType: 'date' }).toBuffer('1970-01-02')).toEqual(
      Buffer.from([2]),
    );
    expect(avroType({ type: 'int', logicalType: 'date' }).isValid('2023-02-29')).toBe(false);
    expect(roundTrip({ type: 'int', logicalType: 'time-millis' }, 86_399_999)).toBe(86_399_999);
    expect(avroType({ type: 'int', logicalType: 'time-millis' }).isValid(86_400_000)).toBe(false);
    expect(roundTrip({ type: 'long', logicalType: 'time-micros' }, 86_399_999_999)).toBe(
      86_399_999_999,
    );
  });

  it('timestamps: millis as Date, micros as bigint, local ones as ISO strings', () => {
    const d = new Date('2024-05-06T07:08:09.123Z');
    expect(roundTrip({ type: 'long', logicalType: 'timestamp-millis' }, d)).toEqual(d);
    const micros = -(2n ** 62n) - 3n;
    expect(roundTrip({ type: 'long', logicalType: 'timestamp-micros' }, micros)).toBe(micros);
    const ms = { type: 'long', logicalType: 'local-timestamp-millis' };
    expect(roundTrip(ms, '2024-05-06T07:08:09.123')).toBe('2024-05-06T07:08:09.123');
    const us = { type: 'long', logicalType: 'local-timestamp-micros' };
    expect(roundTrip(us, '1969-12-31T23:59:59.999999')).toBe('1969-12-31T23:59:59.999999');
    expect(avroType(us).toBuffer('1970-01-01T00:00:00.000001')).toEqual(Buffer.from([2]));
    expect(avroType(us).isValid('2024-05-06T07:08:09.123')).toBe(false);
  });

  it('duration is months, days and milliseconds', () => {
    const schema = { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' };
    const value = { months: 1, days: 2, milliseconds: 4_294_967_295 };
    expect(roundTrip(schema, value)).toEqual(value);
    expect(avroType(schema).isValid({ months: -1, days: 0, milliseconds: 0 })).toBe(false);
  });

  it('resolves a plain long writer into a timestamp reader', () => {
    const reader = avroType({ type: 'long', logicalType: 'timestamp-millis' });
    const writer = avroType('long');
    expect(reader.fromBuffer(writer.toBuffer(1000), reader.createResolver(writer))).toEqual(
      new Date(1000),
    );
    const same = avroType({ type: 'long', logicalType: 'timestamp-millis' });
    expect(reader.fromBuffer(same.toBuffer(new Date(7)), reader.createResolver(same))).toEqual(
      new Date(7),
    );
  });
});
