import { describe, expect, it } from 'vitest';
import { avroCodec, avroType } from '../../../../runtime/codec/avro-type.js';

interface V2 {
  id: number;
  note: string | null;
}

describe('avroCodec', () => {
  const v1 = avroType({ type: 'record', name: 'R', fields: [{ name: 'id', type: 'long' }] });
  const codec = avroCodec<V2, { id: number; note?: string | null }>({
    type: 'record',
    name: 'R',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  });

  it('encodes the write type and decodes the read type', () => {
    expect(codec.decode(codec.encode({ id: 1 }))).toEqual({ id: 1, note: null });
  });

  it('decodes data of another version by resolution', () => {
    const buffer = v1.toBuffer({ id: 9 });
    expect(codec.decodeFrom(buffer, v1)).toEqual({ id: 9, note: null });
    expect(codec.decodeFrom(buffer, v1)).toEqual({ id: 9, note: null });
  });

  it('reports the path of every bad field', () => {
    const paths: string[] = [];
    expect(codec.isValid({ id: 'x', note: 3 }, (p) => paths.push(p.join('.')))).toBe(false);
    expect(paths).toEqual(['id', 'note']);
  });
});
