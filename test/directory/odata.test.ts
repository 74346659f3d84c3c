import { describe, expect, it } from 'vitest';
import { filterAnyEquals, filterEquals, odataString, pathSegment, queryString, searchClause } from '../../src/directory/index.js';

describe('odataString', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ['Zoë', "'Zoë'"],
    ["x' or 1 eq 1 or displayName eq 'y", "'x'' or 1 eq 1 or displayName eq ''y'"],
  ])('quotes %s as %s', (value, expected) => {
    expect(odataString(value)).toBe(expected);
  });
});

describe('pathSegment', () => {
  it.each([
    ['a#b@contoso.com', 'a%23b%40contoso.com'],
    ['x+y@contoso.com', 'x%2By%40contoso.com'],
    ['guest_outlook.com#EXT#@contoso.onmicrosoft.com', 'guest_outlook.com%23EXT%23%40contoso.onmicrosoft.com'],
    ["O'Brien@contoso.com", "O'Brien%40contoso.com"],
    ['a/b', 'a%2Fb'],
    ['100%', '100%25'],
    ['a&b', 'a%26b'],
    ['Zoë', 'Zo%C3%AB'],
  ])('encodes %s as %s', (value, expected) => {
    expect(pathSegment(value)).toBe(expected);
  });

  it('rejects an empty segment', () => {
    expect(() => pathSegment('')).toThrow(TypeError);
  });

  it.each(['.', '..'])('rejects the dot segment %s', (value) => {
    expect(() => pathSegment(value)).toThrow(expect.objectContaining({ name: 'DirectoryError', code: 'invalid_request' }));
  });

  it.each(['...', '.a', '%2e%2e'])('encodes %s as a plain segment', (value) => {
    expect(pathSegment(value)).toBe(encodeURIComponent(value));
  });

  it('rejects an unpaired surrogate', () => {
    expect(() => pathSegment('a\uD800b')).toThrow(expect.objectContaining({ name: 'DirectoryError', code: 'invalid_request' }));
  });

  it('encodes a surrogate pair', () => {
    expect(pathSegment('\u{1F600}')).toBe('%F0%9F%98%80');
  });
});

describe('queryString', () => {
  it('keeps a hostile value inside one filter literal', () => {
    const query = queryString({ $filter: filterEquals('displayName', "O'Brien & x+y #1") });

    expect(query).toBe("?$filter=displayName%20eq%20'O''Brien%20%26%20x%2By%20%231'");
    expect(decodeURIComponent(query.slice('?$filter='.length))).toBe("displayName eq 'O''Brien & x+y #1'");
  });

  it('skips undefined parameters', () => {
    expect(queryString({ $top: 5, $skip: undefined })).toBe('?$top=5');
  });

  it('builds an any() filter for collections', () => {
    expect(filterAnyEquals('identifierUris', 'https://x/saml/sp')).toBe("identifierUris/any(x:x eq 'https://x/saml/sp')");
  });
});

describe('searchClause', () => {
  it('escapes quotes and backslashes', () => {
    expect(searchClause('displayName', 'a"b\\c')).toBe('"displayName:a\\"b\\\\c"');
  });
});
