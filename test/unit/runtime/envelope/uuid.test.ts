import { describe, expect, it } from 'vitest';
import { randomUuid } from '../../../../runtime/envelope/uuid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  it('gives distinct version-4 UUIDs in canonical form, across many blocks of random bytes', () => {
    const ids = Array.from({ length: 20_000 }, () => randomUuid());
    const bad = ids.filter((id) => !V4.test(id));
    expect(bad).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every hex digit in every free position (the bytes are random, not a pattern)', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let n = 0; n < 5_000; n++) [...randomUuid()].forEach((c, i) => seen[i]!.add(c));
    const free = [...Array(36).keys()].filter((i) => ![8, 13, 14, 18, 19, 23].includes(i));
    expect(free.filter((i) => seen[i]!.size !== 16)).toEqual([]);
    expect([...seen[14]!]).toEqual(['4']);
    expect([...seen[19]!].sort()).toEqual(['8', '9', 'a', 'b']);
  });
});
