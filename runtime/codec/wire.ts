/**
 * The Confluent wire format of a message value: byte 0 is the magic byte `0`, bytes 1–4 the
 * schema id (big-endian, unsigned), then the Avro binary body.
 */
import type { Type } from 'avsc';
import { WireFormatError, type ErrorContext } from '../errors.js';

export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

/** A decoded frame: the schema id and a view (not a copy) of the Avro body. */
export interface Frame {
  schemaId: number;
  body: Buffer;
}

/** Prefixes an Avro body with the magic byte and the schema id. */
export function encodeFrame(schemaId: number, body: Buffer): Buffer {
  checkSchemaId(schemaId);
  const out = Buffer.allocUnsafe(HEADER_LENGTH + body.length);
  writeHeader(out, schemaId);
  body.copy(out, HEADER_LENGTH);
  return out;
}

/** Where values are encoded before being copied out; values that do not fit get their own buffer. */
const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Encodes `value` with `type` (which throws on an invalid value) straight into the wire
 * format: one allocation and one copy, where `encodeFrame(id, type.toBuffer(value))` makes two.
 */
export function encodeValueFrame(schemaId: number, type: Type, value: unknown): Buffer {
  checkSchemaId(schemaId);
  const end = type.encode(value, scratch, HEADER_LENGTH);
  let out: Buffer;
  if (end >= 0) {
    out = Buffer.allocUnsafe(end);
    scratch.copy(out, 0, 0, end);
  } else {
    // avsc reports how many bytes were missing: encode again into a buffer of the exact size.
    out = Buffer.allocUnsafe(scratch.length - end);
    type.encode(value, out, HEADER_LENGTH);
  }
  writeHeader(out, schemaId);
  return out;
}

function checkSchemaId(schemaId: number): void {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0xffffffff) {
    throw new WireFormatError(
      'bad-schema-id',
      `Schema id ${schemaId} is not a 32-bit unsigned integer`,
    );
  }
}

function writeHeader(out: Buffer, schemaId: number): void {
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
}

/** The context of an error outside any message. */
const NO_CONTEXT: ErrorContext = Object.freeze({});

/** Splits a framed value; throws `WireFormatError` for a value too short or without magic byte. */
export function decodeFrame(value: Buffer, context: ErrorContext = {}): Frame {
  return { schemaId: frameSchemaId(value, context), body: value.subarray(HEADER_LENGTH) };
}

/** The schema id of a framed value (the body starts at `HEADER_LENGTH`); throws like `decodeFrame`. */
export function frameSchemaId(value: Buffer, context: ErrorContext = NO_CONTEXT): number {
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
  return value.readUInt32BE(1);
}
