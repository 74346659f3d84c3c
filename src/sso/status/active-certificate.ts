import type { KeyCredential, ServicePrincipal } from '@microsoft/microsoft-graph-types';

export interface ActiveCertificate {
  /** Uppercase hex SHA-1, as `preferredTokenSigningKeyThumbprint` names it. */
  thumbprint: string;
  /** `endDateTime` of the certificate's verify key, when Graph lists one. */
  notAfter?: string;
  /** Whole days from `now` to `notAfter`, negative once expired. */
  daysLeft?: number;
}

const dayMs = 86_400_000;

/** Uppercase hex of a key credential's `customKeyIdentifier`, which Graph sets to the thumbprint bytes. */
function thumbprintOf(key: KeyCredential): string | undefined {
  return key.customKeyIdentifier ? Buffer.from(key.customKeyIdentifier, 'base64').toString('hex').toUpperCase() : undefined;
}

/**
 * Finds the certificate that signs SAML responses: the one whose thumbprint
 * is `preferredTokenSigningKeyThumbprint`, with the expiry of its verify key.
 * Returns `undefined` when no certificate is active.
 */
export function activeCertificate(servicePrincipal: ServicePrincipal, now: Date): ActiveCertificate | undefined {
  const thumbprint = servicePrincipal.preferredTokenSigningKeyThumbprint?.toUpperCase();
  if (!thumbprint) return undefined;

  const key = (servicePrincipal.keyCredentials ?? []).find((candidate) => candidate.usage === 'Verify' && thumbprintOf(candidate) === thumbprint);
  if (!key?.endDateTime) return { thumbprint };
  const daysLeft = Math.floor((Date.parse(key.endDateTime) - now.getTime()) / dayMs);
  return { thumbprint, notAfter: new Date(key.endDateTime).toISOString(), daysLeft };
}
