import { RotationError } from './rotation-error.js';
import type { ListedCertificate, RotationTarget } from './rotation-target.js';

/** Returns the date part of an ISO timestamp, for card lines. */
export function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'an unknown date';
}

/**
 * Finds the certificate to activate among the service principal's Verify
 * keys. Throws a `RotationError` when there is none with that thumbprint, or
 * when it had expired when the tenant was read.
 */
export function findActivatable(target: RotationTarget, thumbprint: string, appName: string): ListedCertificate {
  const normalizedThumbprint = thumbprint.toUpperCase();
  const listed = target.certificates.find((certificate) => certificate.thumbprint === normalizedThumbprint);
  if (!listed) {
    throw new RotationError('unknown_certificate', `The certificate ${normalizedThumbprint} is not a signing certificate of ${appName} in this tenant.`);
  }
  if (listed.notAfter && Date.parse(listed.notAfter) <= Date.parse(target.readAt)) {
    throw new RotationError('expired_certificate', `The certificate ${normalizedThumbprint} expired on ${day(listed.notAfter)}, so it cannot be made active.`);
  }
  return listed;
}
