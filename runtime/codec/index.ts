/**
 * Codec: Avro values in and out. `avroType` builds the one kind of avsc codec eventc uses
 * (exact-range longs, wrapped unions, prototype-safe maps, every logical type), and `wire.ts`
 * frames encoded values in the Confluent wire format (magic byte, schema id, Avro body).
 */
export {
  avroCodec,
  avroType,
  LongRangeError,
  type AvroCodec,
  type AvroTypeOptions,
  type Duration,
} from './avro-type.js';
export { encodeFrame, encodeValueFrame, decodeFrame, MAGIC_BYTE, type Frame } from './wire.js';
