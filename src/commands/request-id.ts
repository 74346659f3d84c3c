/** Crockford base32 digits: no I, L, O or U. */
const crockfordDigit = /^[0-9A-HJKMNP-TV-Z]+$/;

/**
 * Reads a change request id such as `CR-7F3K`: the `CR-` prefix is optional,
 * case does not matter, and I, L and O are read as 1, 1 and 0 as Crockford
 * base32 prescribes. Returns the canonical `CR-XXXX` form, or undefined.
 */
export function parseRequestId(text: string): string | undefined {
  const match = /^(?:CR-?)?([0-9A-Z]{4,16})$/i.exec(text.trim());
  if (!match) {
    return undefined;
  }

  const digits = (match[1] as string).toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return crockfordDigit.test(digits) ? `CR-${digits}` : undefined;
}
