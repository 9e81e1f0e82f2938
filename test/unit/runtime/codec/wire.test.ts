import { describe, expect, it } from 'vitest';
import {
  WireFormatError,
  avroType,
  decodeFrame,
  encodeFrame,
  encodeValueFrame,
} from 'eventc/runtime';

describe('Confluent wire format', () => {
  it('writes magic byte 0, the schema id big-endian, then the body', () => {
    const frame = encodeFrame(0x01020304, Buffer.from([0xaa, 0xbb]));
    expect([...frame]).toEqual([0, 1, 2, 3, 4, 0xaa, 0xbb]);
  });

  it('round-trips ids up to 2^32 - 1', () => {
    for (const id of [0, 1, 255, 65_536, 0x7fffffff, 0xffffffff]) {
      const { schemaId, body } = decodeFrame(encodeFrame(id, Buffer.from('xyz')));
      expect(schemaId).toBe(id);
      expect(body.toString()).toBe('xyz');
    }
  });

  it('accepts an empty body', () => {
    expect(decodeFrame(Buffer.from([0, 0, 0, 0, 9])).body.length).toBe(0);
  });

  it('rejects ids outside 32 bits', () => {
    expect(() => encodeFrame(-1, Buffer.alloc(0))).toThrow(WireFormatError);
    expect(() => encodeFrame(2 ** 32, Buffer.alloc(0))).toThrow(/32-bit/);
    expect(() => encodeFrame(1.5, Buffer.alloc(0))).toThrow(WireFormatError);
  });

  it('encodes a value straight into a frame, the same bytes as toBuffer + encodeFrame', () => {
    const type = avroType(
      JSON.stringify({
        type: 'record',
        name: 'Note',
        fields: [
          { name: 'id', type: 'long' },
          { name: 'text', type: 'string' },
        ],
      }),
    );
    // Small values go through the shared scratch buffer; 200 kB does not fit in it.
    for (const text of ['', 'hello', 'x'.repeat(200_000)]) {
      const value = { id: 7, text };
      const frame = encodeValueFrame(0xabcdef, type, value);
      expect(frame.equals(encodeFrame(0xabcdef, type.toBuffer(value)))).toBe(true);
      expect(type.fromBuffer(decodeFrame(frame).body)).toEqual(value);
    }
    // Frames do not share memory: the next encoding leaves the first one intact.
    const first = encodeValueFrame(1, type, { id: 1, text: 'first' });
    encodeValueFrame(1, type, { id: 2, text: 'second' });
    expect(type.fromBuffer(decodeFrame(first).body)).toEqual({ id: 1, text: 'first' });
    expect(() => encodeValueFrame(1, type, { id: 1.5, text: 'x' })).toThrow(/invalid/);
    expect(() => encodeValueFrame(-1, type, { id: 1, text: 'x' })).toThrow(WireFormatError);
  });

  it('names a missing magic byte, with the byte found and the context', () => {
    let caught: unknown;
    try {
      decodeFrame(Buffer.from('{"json":true}'), { topic: 't', partition: 2, offset: '7' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WireFormatError);
    const err = caught as WireFormatError;
    expect(err.name).toBe('WireFormatError');
    expect(err.problem).toBe('no-magic-byte');
    expect(err.message).toContain('0x7b');
    expect([err.topic, err.partition, err.offset, err.retriable]).toEqual(['t', 2, '7', false]);
  });

  it('names a value too short for a header', () => {
    for (const n of [0, 1, 4]) {
      const err = catchError(() => decodeFrame(Buffer.alloc(n)));
      expect(err).toBeInstanceOf(WireFormatError);
      expect((err as WireFormatError).problem).toBe('too-short');
      expect((err as Error).message).toContain(`${n} byte(s)`);
    }
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
