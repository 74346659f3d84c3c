import { describe, expect, it } from 'vitest';
import { compareKeys, prefixUpperBound } from '../../src/storage/keys.js';

describe('prefixUpperBound', () => {
  it.each([
    ['cr/', 'cr0'],
    ['a', 'b'],
    ['a\u{10FFFF}', 'b'],
    ['\u{D7FF}', '\u{E000}'],
    ['x\u{FFFF}', 'x\u{10000}'],
    ['\u{10FFFF}\u{10FFFF}', undefined],
    ['', undefined],
  ])('bounds %j with %j', (prefix, bound) => {
    expect(prefixUpperBound(prefix)).toBe(bound);
  });

  it('sorts after every key with the prefix', () => {
    const prefix = 'cr/ä';
    const bound = prefixUpperBound(prefix)!;

    for (const key of ['cr/ä', 'cr/ä\u{10FFFF}\u{10FFFF}', 'cr/ä😀']) {
      expect(compareKeys(key, bound)).toBeLessThan(0);
    }
    expect(compareKeys('cr/å', bound)).toBeGreaterThanOrEqual(0);
  });
});

describe('compareKeys', () => {
  it('orders by code point, not by UTF-16 unit', () => {
    expect(['😀', '～', 'a', ''].sort(compareKeys)).toEqual(['', 'a', '～', '😀']);
  });

  it('puts a prefix before its extensions', () => {
    expect(compareKeys('ab', 'abc')).toBeLessThan(0);
    expect(compareKeys('abc', 'ab')).toBeGreaterThan(0);
    expect(compareKeys('ab', 'ab')).toBe(0);
  });
});
