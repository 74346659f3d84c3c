import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: digits and letters without I, L, O and U. */
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Letters people type for digits they read, as Crockford's decoding rules allow. */
const CROCKFORD_ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

export const REQUEST_ID_PREFIX = 'CR-';
export const REQUEST_ID_LENGTH = 4;
export const MAX_REQUEST_ID_LENGTH = 12;

/** Returns `count` random bytes; tests pass a deterministic source. */
export type RandomSource = (count: number) => Uint8Array;

const defaultRandom: RandomSource = (count) => randomBytes(count);

/**
 * Creates a request id that people can read aloud, for example `CR-7F3K`.
 * Uniqueness is not checked here. `ChangeRequestStore.create` checks the
 * store and draws a longer id when the id is taken.
 */
export function newRequestId(random: RandomSource = defaultRandom, length = REQUEST_ID_LENGTH): string {
  const bytes = random(length);
  let code = '';
  for (let index = 0; index < length; index += 1) {
    // 256 is a multiple of 32, so taking the low five bits keeps every character equally likely.
    code += CROCKFORD_ALPHABET[(bytes[index] ?? 0) & 31];
  }
  return REQUEST_ID_PREFIX + code;
}

/**
 * Parses a request id as people type it: any case, with or without the
 * hyphen, and with the Crockford aliases O for 0 and I or L for 1. Returns
 * the canonical form (`CR-7F3K`) or undefined when the text is no request id.
 */
export function parseRequestId(text: string): string | undefined {
  const match = /^\s*cr-?([0-9a-z]+)\s*$/i.exec(text);
  const code = match?.[1];
  if (code === undefined || code.length < REQUEST_ID_LENGTH || code.length > MAX_REQUEST_ID_LENGTH) {
    return undefined;
  }

  let canonical = '';
  for (const character of code.toUpperCase()) {
    const normalized = CROCKFORD_ALIASES[character] ?? character;
    if (!CROCKFORD_ALPHABET.includes(normalized)) return undefined;
    canonical += normalized;
  }
  return REQUEST_ID_PREFIX + canonical;
}
