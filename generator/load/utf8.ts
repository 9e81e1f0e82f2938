/** Decoding of schema and manifest files, rejecting binary content. */
import { InputError } from '../errors.js';

/**
 * Decodes file bytes as UTF-8, rejecting invalid sequences and NUL bytes (a sign of a
 * binary file) with an InputError naming the file and the offending position.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError([
      { file, message: `contains a NUL byte at byte offset ${nul}; is it a binary file?` },
    ]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new InputError([{ file, message: 'is not valid UTF-8 text; is it a binary file?' }], {
      cause: err,
    });
  }
}
