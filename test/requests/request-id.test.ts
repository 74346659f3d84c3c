import { describe, expect, it } from 'vitest';
import { newRequestId, parseRequestId } from '../../src/requests/request-id.js';

describe('newRequestId', () => {
  it('draws four Crockford characters by default', () => {
    expect(newRequestId()).toMatch(/^CR-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('never uses I, L, O or U for any byte', () => {
    const characters = new Set<string>();
    for (let byte = 0; byte < 256; byte += 1) {
      characters.add(newRequestId(() => Uint8Array.of(byte), 1).slice(3));
    }
    expect(characters.size).toBe(32);
    expect([...characters].filter((character) => 'ILOU'.includes(character))).toEqual([]);
  });

  it('draws a longer id on request', () => {
    expect(newRequestId(undefined, 6)).toMatch(/^CR-[0-9A-HJKMNP-TV-Z]{6}$/);
  });
});

describe('parseRequestId', () => {
  it.each([
    ['CR-7F3K', 'CR-7F3K'],
    ['cr-7f3k', 'CR-7F3K'],
    ['  Cr7F3k ', 'CR-7F3K'],
    ['cr-o1l1', 'CR-0111'],
    ['CR-7F3K9', 'CR-7F3K9'],
  ])('parses %j as %s', (text, id) => {
    expect(parseRequestId(text)).toBe(id);
  });

  it.each(['CR-7F3U', 'CR-7F3', 'XR-7F3K', 'CR-7F3K-1', '', 'CR-0123456789ABC'])('rejects %j', (text) => {
    expect(parseRequestId(text)).toBeUndefined();
  });
});
