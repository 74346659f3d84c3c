import { runActivateCertificate } from '../certificate-steps.js';
import { activateCertificateStep } from '../plan-steps.js';
import type { StepContext } from '../run-context.js';
import { SetupError } from '../setup-error.js';
import type { PlanStep } from '../types.js';
import { RotationError } from './rotation-error.js';
import { rotationTarget } from './rotation-target.js';
import { findActivatable } from './find-activatable.js';

/** The step kind that activates a certificate added by an earlier request, after checking its key. */
export const ACTIVATE_EXISTING_CERTIFICATE = 'activate-existing-certificate';

/** Makes an existing certificate active: the same Graph request as the set-up's activation, with a check of the key first. */
export function activateExistingCertificateStep(servicePrincipalId: string, thumbprint: string): PlanStep {
  return { ...activateCertificateStep(servicePrincipalId, thumbprint, []), kind: ACTIVATE_EXISTING_CERTIFICATE };
}

/**
 * Reads the service principal again and activates the certificate only when
 * it is still an unexpired Verify key, because approval can come days after
 * the plan was checked.
 */
export async function runActivateExistingCertificate(context: StepContext): Promise<void> {
  const servicePrincipalId = String(context.params.servicePrincipalId);
  const servicePrincipal = await context.gateway.getServicePrincipal(servicePrincipalId, context.call);
  const target = rotationTarget({ ...servicePrincipal, id: servicePrincipalId }, context.now());
  try {
    findActivatable(target, String(context.params.thumbprint), 'this app');
  } catch (error) {
    if (!(error instanceof RotationError)) throw error;
    throw new SetupError('invalid_certificate', error.message, { cause: error });
  }
  await runActivateCertificate(context);
}
