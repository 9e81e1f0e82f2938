/**
 * The Confluent wire format of a message value: byte 0 is the magic byte `0`, bytes 1–4 the
 * schema id (big-endian, unsigned), then the Avro binary body.
 */
import { WireFormatError, type ErrorContext } from './errors.js';

export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

/** A decoded frame: the schema id and a view (not a copy) of the Avro body. */
export interface Frame {
  schemaId: number;
  body: Buffer;
}

/** Prefixes an Avro body with the magic byte and the schema id. */
export function encodeFrame(schemaId: number, body: Buffer): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0xffffffff) {
    throw new WireFormatError(
      'bad-schema-id',
      `Schema id ${schemaId} is not a 32-bit unsigned integer`,
    );
  }
  const out = Buffer.allocUnsafe(HEADER_LENGTH + body.length);
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
  body.copy(out, HEADER_LENGTH);
  return out;
}

/** Splits a framed value; throws `WireFormatError` for a value too short or without magic byte. */
export function decodeFrame(value: Buffer, context: ErrorContext = {}): Frame {
  if (value.length < HEADER_LENGTH) {
    throw new WireFormatError(
      'too-short',
      `Value of ${value.length} byte(s) is too short for the Confluent wire format (needs at least ${HEADER_LENGTH})`,
      context,
    );
  }
  if (value[0] !== MAGIC_BYTE) {
    throw new WireFormatError(
      'no-magic-byte',
      `Value does not start with the Confluent magic byte 0 (found 0x${value[0]!.toString(16).padStart(2, '0')})`,
      context,
    );
  }
  return { schemaId: value.readUInt32BE(1), body: value.subarray(HEADER_LENGTH) };
}
