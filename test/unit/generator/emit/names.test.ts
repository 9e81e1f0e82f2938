import { describe, expect, it } from 'vitest';
import {
  docLines,
  propertyKey,
  qualifiedIdentifier,
  stringLiteral,
  toIdentifier,
} from '../../../../generator/emit/names.js';

describe('names', () => {
  it('string literals evaluate back to the exact text', () => {
    for (const text of [
      "it's",
      'back\\slash',
      'line\nbreak',
      '\u2028\u2029',
      '${x} `y`',
      '"q"',
      '</script>',
    ]) {
      const literal = stringLiteral(text);
      expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
      expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
      expect(new Function(`return ${literal};`)()).toBe(text);
    }
  });

  it('doc comments cannot be closed or broken out of', () => {
    const lines = docLines('a */ b\r\nc\u2028d @param e');
    const comment = lines.join('\n');
    expect(comment.indexOf('*/')).toBe(comment.length - 2);
    expect(lines).toEqual(['/**', ' * a *\\/ b', ' * c', ' * d @param e', ' */']);
    expect(docLines('short')).toEqual(['/** short */']);
    expect(docLines(undefined)).toEqual([]);
  });

  it('doc comments wrap at spaces to fit 100 columns with an indent of 2, keeping each indent', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const lines = docLines(`${long}\n    - ${long}`);
    for (const line of lines) expect(`  ${line}`.length).toBeLessThanOrEqual(100);
    const text = lines.slice(1, -1).map((l) => l.slice(3));
    expect(text.join(' ').replace(/\s+/g, ' ')).toBe(`${long} - ${long}`);
    const listLines = text.slice(text.findIndex((l) => l.startsWith('    - ')) + 1);
    for (const l of listLines) expect(l.startsWith('    ')).toBe(true);
    // A word longer than the width stays whole.
    const url = `https://example.com/${'x'.repeat(120)}`;
    expect(docLines(`see ${url}`)).toEqual(['/**', ' * see', ` * ${url}`, ' */']);
  });

  it('identifiers avoid keywords and globals; keys are quoted only when needed', () => {
    expect(toIdentifier('class')).toBe('class_');
    expect(toIdentifier('Buffer')).toBe('Buffer_');
    expect(toIdentifier('Money')).toBe('Money');
    expect(qualifiedIdentifier('com.shop', 'Item')).toBe('ComShopItem');
    expect(propertyKey('__proto__')).toBe('__proto__');
    expect(propertyKey('com.shop.Money')).toBe("'com.shop.Money'");
  });
});
