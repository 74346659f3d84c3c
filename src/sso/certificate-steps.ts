import { toSigningCertificate } from './signing-certificate.js';
import type { StepContext } from './run-context.js';

function endDateFor(lifetimeYears: number, now: Date): string | undefined {
  if (lifetimeYears >= 3) return undefined;
  const end = new Date(now);
  end.setUTCFullYear(end.getUTCFullYear() + lifetimeYears);
  return end.toISOString();
}

/**
 * Adds the signing certificate unless an earlier attempt already did. A
 * repeated add after an unknown outcome is not attempted here: the step
 * fails, and a resume adds a new certificate, which is harmless because
 * only the certificate activated by thumbprint signs responses.
 */
export async function runAddCertificate(context: StepContext): Promise<void> {
  if (typeof context.outputs.certificateThumbprint === 'string') return;
  const servicePrincipalId = String(context.params.servicePrincipalId);
  const endDateTime = endDateFor(Number(context.params.lifetimeYears), context.now());
  const request = { displayName: String(context.params.subject), ...(endDateTime ? { endDateTime } : {}) };
  const options = { ...context.call, fresh: context.isFresh(servicePrincipalId) };
  const added = await context.gateway.addTokenSigningCertificate(servicePrincipalId, request, options);
  const certificate = toSigningCertificate(added);
  await context.record({ certificateThumbprint: certificate.thumbprint, certificate });
}

/** Makes the certificate active by thumbprint, unless it already is. */
export async function runActivateCertificate(context: StepContext): Promise<void> {
  const servicePrincipalId = String(context.params.servicePrincipalId);
  const thumbprint = String(context.params.thumbprint);
  const options = { ...context.call, fresh: context.isFresh(servicePrincipalId) };
  const current = await context.gateway.getServicePrincipal(servicePrincipalId, options);
  if (current.preferredTokenSigningKeyThumbprint?.toUpperCase() === thumbprint.toUpperCase()) return;
  await context.gateway.activateSigningCertificate(servicePrincipalId, thumbprint, options);
}
