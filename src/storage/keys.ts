import { StorageError } from './types.js';

// Azure Blob names are at most 1,024 characters after the URI encoding that
// botbuilder-azure-blobs applies, so the limit is checked on the encoded form.
const MAX_ENCODED_KEY_LENGTH = 1024;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Rejects keys that some backend could not store faithfully, so that every
 * backend accepts exactly the same keys. Rejected are empty keys, control
 * characters, unpaired surrogates, empty, `.` or `..` segments between `/`
 * (Blob Storage collapses or normalizes them), keys too long for a blob name
 * and names of `Object.prototype` members.
 */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) {
    throw new StorageError('invalid_key', `Invalid storage key ${JSON.stringify(key)}: ${problem}.`);
  }
}

function keyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'a key must be a non-empty string';
  if (CONTROL_CHARACTER.test(key)) return 'control characters are not allowed';
  if (LONE_SURROGATE.test(key)) return 'unpaired UTF-16 surrogates are not allowed';
  // A read returns a plain object indexed by key, so for these keys `items[key]`
  // would yield an inherited member, such as a function, in place of a missing document.
  if (key in Object.prototype) return 'names of Object.prototype members, such as "constructor", are not allowed';

  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'segments between "/" must not be empty, "." or ".."';
  }
  if (encodeURIComponent(key).length > MAX_ENCODED_KEY_LENGTH) {
    return `the URI-encoded key exceeds ${MAX_ENCODED_KEY_LENGTH} characters`;
  }
  return undefined;
}

/**
 * Rejects a `listKeys` prefix that no backend can compare consistently: one
 * with an unpaired surrogate, such as half of an emoji.
 */
export function assertValidPrefix(prefix: string): void {
  if (typeof prefix !== 'string' || LONE_SURROGATE.test(prefix)) {
    throw new StorageError('invalid_key', `Invalid key prefix ${JSON.stringify(prefix)}: unpaired UTF-16 surrogates are not allowed.`);
  }
}

/** Orders keys by Unicode code point, which is also the UTF-8 byte order SQLite uses. */
export function compareKeys(left: string, right: string): number {
  if (left === right) return 0;

  const leftPoints = left[Symbol.iterator]();
  const rightPoints = right[Symbol.iterator]();
  for (;;) {
    const a = leftPoints.next();
    const b = rightPoints.next();
    if (a.done && b.done) return 0;
    if (a.done) return -1;
    if (b.done) return 1;

    const difference = (a.value.codePointAt(0) ?? 0) - (b.value.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
}

/**
 * Returns the smallest string that sorts after every string starting with
 * `prefix`, or `undefined` when no such bound exists (an empty prefix, or one
 * made only of U+10FFFF). Used for `key >= prefix AND key < bound` range scans.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop()?.codePointAt(0) ?? 0;
    if (last < 0x10ffff) {
      // Surrogate code points cannot occur in well-formed text, so the next
      // code point after U+D7FF is U+E000.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      points.push(String.fromCodePoint(next));
      return points.join('');
    }
  }
  return undefined;
}
