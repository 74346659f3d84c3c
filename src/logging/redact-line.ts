// A second redaction pass over each finished JSON line. pino's `redact`
// paths name fixed depths, so a secret nested deeper (an error's cause, a
// request inside an error, a batch body) or spelled differently
// (`AZURE_CLIENT_SECRET`, `set-cookie`) would pass them.

const censor = '[redacted]';

/**
 * Keys whose value is a secret, matched case-insensitively as whole keys:
 * anything ending in password, secret or token, and the names listed.
 */
const secretKey =
  '[a-z0-9_-]*(?:password|secret|token)|authorization|cookie|set-cookie|private_?key|link_?signing_?key|' +
  'connection_?string|client_assertion|assertion|account_?key|sig';

/** A JSON string, or an array of JSON strings such as a repeated header. */
const jsonStringValue = '"(?:[^"\\\\]|\\\\.)*"';
const secretValue = `(?:${jsonStringValue}|\\[(?:${jsonStringValue},?)*\\])`;

const secretEntry = new RegExp(`"(${secretKey})":${secretValue}`, 'gi');
// At least 16 token characters, so prose such as "Basic SAML Configuration" stays.
const bearerToken = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{16,}=*/gi;
const signatureParameter = /([?&](?:sig|code|client_secret|access_token)=)[^&"\s\\]+/gi;
const accountKeySetting = /(AccountKey=)[^;"\s\\]+/gi;

/**
 * Replaces secret values anywhere in one JSON log line: the string values of
 * secret keys at any depth, bearer and basic credentials inside strings, URL
 * signatures and storage account keys. The line stays valid JSON.
 * NOTE: a secret written into free text without one of these markers, such as
 * a password inside an error message, still passes.
 */
export function redactLine(line: string): string {
  return line
    .replace(secretEntry, (_entry, key: string) => `"${key}":"${censor}"`)
    .replace(bearerToken, (_token, scheme: string) => `${scheme} ${censor}`)
    .replace(signatureParameter, (_parameter, name: string) => `${name}${censor}`)
    .replace(accountKeySetting, (_setting, name: string) => `${name}${censor}`);
}
