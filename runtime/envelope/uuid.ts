/**
 * Random (version 4) UUIDs for event ids, one string allocation each: random bytes come from
 * the CSPRNG in blocks (as `crypto.randomUUID` does) and are written as text into a scratch
 * buffer. `crypto.randomUUID` builds each id from a dozen intermediate strings, which shows
 * when every event gets one.
 */
import { randomFillSync } from 'node:crypto';

const IDS_PER_BLOCK = 256;
const random = Buffer.allocUnsafe(16 * IDS_PER_BLOCK);
let next = random.length;
const text = Buffer.allocUnsafe(36);
/** The two lower-case hex digits of every byte value, as character codes. */
const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const digits = b.toString(16).padStart(2, '0');
  HEX[2 * b] = digits.charCodeAt(0);
  HEX[2 * b + 1] = digits.charCodeAt(1);
}

/** A random UUID in canonical lower-case form, like `crypto.randomUUID()`. */
export function randomUuid(): string {
  if (next === random.length) {
    randomFillSync(random);
    next = 0;
  }
  const at = next;
  next += 16;
  random[at + 6] = (random[at + 6]! & 0x0f) | 0x40; // version 4
  random[at + 8] = (random[at + 8]! & 0x3f) | 0x80; // variant 10
  let o = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[o++] = 0x2d;
    const b = random[at + i]!;
    text[o++] = HEX[2 * b]!;
    text[o++] = HEX[2 * b + 1]!;
  }
  return text.toString('latin1', 0, 36);
}
