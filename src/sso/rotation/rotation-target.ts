import type { KeyCredential, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { DirectoryGateway } from '../../directory/index.js';
import type { AppProfile } from '../profiles/index.js';
import { activeCertificate, type ActiveCertificate } from '../status/index.js';

/** A signing certificate of the service principal, as its Verify key credential describes it. */
export interface ListedCertificate {
  /** Uppercase hex SHA-1, decoded from the key's `customKeyIdentifier`. */
  thumbprint: string;
  notAfter?: string;
}

/** The service principal whose signing certificate is rotated, read from the tenant. */
export interface RotationTarget {
  servicePrincipalId: string;
  /** When the tenant was read; expiry is judged against this time. */
  readAt: string;
  /** The certificate that signs SAML responses now, if any. */
  current?: ActiveCertificate;
  certificates: ListedCertificate[];
}

function listCertificate(key: KeyCredential): ListedCertificate | undefined {
  if (key.usage !== 'Verify' || !key.customKeyIdentifier) return undefined;
  const thumbprint = Buffer.from(key.customKeyIdentifier, 'base64').toString('hex').toUpperCase();
  return { thumbprint, ...(key.endDateTime ? { notAfter: new Date(key.endDateTime).toISOString() } : {}) };
}

/** Builds the rotation target from a service principal as Graph returns it. */
export function rotationTarget(servicePrincipal: ServicePrincipal & { id: string }, now: Date): RotationTarget {
  const current = activeCertificate(servicePrincipal, now);
  return {
    servicePrincipalId: servicePrincipal.id,
    readAt: now.toISOString(),
    ...(current ? { current } : {}),
    certificates: (servicePrincipal.keyCredentials ?? []).flatMap((key) => listCertificate(key) ?? []),
  };
}

/**
 * Finds the app's service principal by the profile's identifier and reads
 * its signing certificates. Returns undefined when the app is not set up in
 * the tenant.
 */
export async function readRotationTarget(gateway: DirectoryGateway, profile: AppProfile, now: Date): Promise<RotationTarget | undefined> {
  const [application] = await gateway.findApplicationsByIdentifierUri(profile.identifierUri);
  if (!application?.appId) return undefined;
  const servicePrincipal = await gateway.findServicePrincipalByAppId(application.appId);
  if (!servicePrincipal?.id) return undefined;
  return rotationTarget({ ...servicePrincipal, id: servicePrincipal.id }, now);
}
