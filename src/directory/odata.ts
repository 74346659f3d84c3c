// Quoting and encoding for values that go into Graph URL paths and OData
// literals. Every value from chat or from a profile passes through here, so a
// user name can never close a string literal or add a filter clause.

import { DirectoryError } from './directory-error.js';

/** A UTF-16 surrogate that is not part of a pair, on which `encodeURIComponent` throws a URIError. */
const unpairedSurrogate = /[\uD800-\uDFFF]/u;

/** Wraps a value in single quotes for an OData string literal, doubling any `'` inside. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Percent-encodes a value for a URL path segment or a query value.
 * `encodeURIComponent` leaves `'` unencoded, which OData expects, and encodes
 * `#`, `+`, `&`, `%`, `/`, `?` and spaces, which would otherwise truncate the
 * URL, become a space, split parameters or change the path.
 */
export function encodeUrlValue(value: string): string {
  if (unpairedSurrogate.test(value)) {
    throw new DirectoryError('invalid_request', 'A value for a Graph URL contains an unpaired UTF-16 surrogate, which has no URL encoding.');
  }
  return encodeURIComponent(value);
}

/**
 * Encodes a key or a UPN as one URL path segment, for example `/users/{segment}`.
 * Rejects `.` and `..` with `invalid_request`: percent-encoding leaves dots as
 * they are, and URL parsing would then remove the segment or the one before
 * it, so `/users/..` would reach the service root.
 */
export function pathSegment(value: string): string {
  if (value.length === 0) {
    throw new TypeError('A Graph path segment must not be empty.');
  }
  if (value === '.' || value === '..') {
    throw new DirectoryError('invalid_request', `"${value}" is not a valid Graph key, because a URL path cannot carry it as a segment.`);
  }
  return encodeUrlValue(value);
}

/** `property eq 'value'`, with the value quoted. */
export function filterEquals(property: string, value: string): string {
  return `${property} eq ${odataString(value)}`;
}

/** `startswith(property,'value')`, with the value quoted. */
export function filterStartsWith(property: string, value: string): string {
  return `startswith(${property},${odataString(value)})`;
}

/** `contains(property,'value')`, with the value quoted. */
export function filterContains(property: string, value: string): string {
  return `contains(${property},${odataString(value)})`;
}

/** `collection/any(x:x eq 'value')` for multi-valued properties such as `identifierUris`. */
export function filterAnyEquals(collection: string, value: string): string {
  return `${collection}/any(x:x eq ${odataString(value)})`;
}

/**
 * Builds a `$search` clause such as `"displayName:B.Simon"`. Graph's `$search` syntax
 * escapes `"` and `\` with a backslash inside the quoted clause.
 */
export function searchClause(property: string, value: string): string {
  const escaped = value.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  return `"${property}:${escaped}"`;
}

/**
 * Builds a query string from parameters, encoding each value. The Graph
 * client's own `.filter()` and `.query()` concatenate values unencoded, so
 * the gateway appends this string to the path itself.
 */
export function queryString(parameters: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    parts.push(`${name}=${encodeUrlValue(String(value))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/**
 * Turns an absolute `@odata.nextLink` into a path below the version. The
 * Graph client parses only `https://` links as absolute, and a relative path
 * also keeps every request on the configured endpoint.
 */
export function relativeNextLink(link: string): string {
  const url = new URL(link);
  return `${url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, '')}${url.search}`;
}
