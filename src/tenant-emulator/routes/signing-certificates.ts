import { randomUUID } from 'node:crypto';
import { badRequest, GraphRequestError } from '../graph-error.js';
import { ok, type EmulatedRequest, type EmulatedResponse } from '../http-types.js';
import { contextUrl, type RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';

// addTokenSigningCertificate: `displayName` must start with `CN=`, and
// `endDateTime` may be at most three years after creation (the default).
// Entra adds a Sign key, a Verify key and a password credential that share one
// customKeyIdentifier. The new certificate stays inactive until
// preferredTokenSigningKeyThumbprint names it.

const MAXIMUM_YEARS = 3;

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

function parseEndDate(value: unknown, start: Date): Date {
  const limit = addYears(start, MAXIMUM_YEARS);
  if (value === undefined || value === null) {
    return limit;
  }
  const end = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(end.getTime()) || end <= start) {
    throw badRequest("Invalid value specified for property 'endDateTime' of resource 'SelfSignedCertificate'.");
  }
  // NOTE: the 60-second allowance absorbs clock drift between the caller's "now + 3 years" and ours.
  if (end.getTime() > limit.getTime() + 60_000) {
    throw badRequest('The endDateTime of the certificate must not be more than 3 years after its startDateTime.');
  }
  return end;
}

function keyCredential(keyId: string, customKeyIdentifier: string, subject: string, start: Date, end: Date, usage: string): JsonObject {
  return {
    customKeyIdentifier,
    displayName: subject,
    endDateTime: end.toISOString(),
    key: null,
    keyId,
    startDateTime: start.toISOString(),
    type: 'AsymmetricX509Cert',
    usage,
  };
}

/** Adds the Sign and Verify keys and the password credential, and returns the Verify key's id. */
function recordCredentials(servicePrincipal: JsonObject, customKeyIdentifier: string, subject: string, start: Date, end: Date): string {
  const signKeyId = randomUUID();
  const verifyKeyId = randomUUID();
  (servicePrincipal.keyCredentials as JsonObject[]).push(
    keyCredential(signKeyId, customKeyIdentifier, subject, start, end, 'Sign'),
    keyCredential(verifyKeyId, customKeyIdentifier, subject, start, end, 'Verify'),
  );
  (servicePrincipal.passwordCredentials as JsonObject[]).push({
    customKeyIdentifier,
    displayName: subject,
    endDateTime: end.toISOString(),
    hint: null,
    keyId: signKeyId,
    secretText: null,
    startDateTime: start.toISOString(),
  });
  return verifyKeyId;
}

export async function addTokenSigningCertificate(
  context: RouteContext,
  request: EmulatedRequest,
  servicePrincipalId: string,
): Promise<EmulatedResponse> {
  const servicePrincipal = context.state.require('servicePrincipals', servicePrincipalId);
  const body = (request.body ?? {}) as JsonObject;
  const subject = body.displayName;
  if (typeof subject !== 'string' || !subject.startsWith('CN=') || subject.length <= 3) {
    throw badRequest("The displayName of a token signing certificate must start with 'CN='.");
  }
  const start = new Date(Math.floor(Date.now() / 1000) * 1000);
  const end = parseEndDate(body.endDateTime, start);

  // Loaded on first use because @peculiar/x509 and its polyfill take longer to import than the rest of the emulator.
  const { generateSelfSignedCertificate } = await import('../certificate-generator.js');
  let certificate;
  try {
    certificate = await generateSelfSignedCertificate(subject, start, end);
  } catch (error) {
    throw new GraphRequestError(400, 'Request_BadRequest', `The displayName '${subject}' is not a valid X.500 name.`, undefined, {}, error);
  }
  context.state.signingKeys.set(certificate.thumbprint, certificate.privateKeyPem);

  const customKeyIdentifier = Buffer.from(certificate.thumbprint, 'hex').toString('base64');
  const verifyKeyId = recordCredentials(servicePrincipal, customKeyIdentifier, subject, start, end);

  return ok({
    '@odata.context': contextUrl(context, 'microsoft.graph.selfSignedCertificate'),
    customKeyIdentifier,
    displayName: subject,
    endDateTime: end.toISOString(),
    key: certificate.der.toString('base64'),
    keyId: verifyKeyId,
    startDateTime: start.toISOString(),
    thumbprint: certificate.thumbprint,
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  });
}

/** Returns the Verify key credential whose thumbprint matches, or undefined. */
export function findSigningKey(servicePrincipal: JsonObject, thumbprint: string): JsonObject | undefined {
  const keyIdentifier = Buffer.from(thumbprint, 'hex').toString('base64');
  return (servicePrincipal.keyCredentials as JsonObject[]).find(
    (credential) => credential.usage === 'Verify' && credential.customKeyIdentifier === keyIdentifier,
  );
}
