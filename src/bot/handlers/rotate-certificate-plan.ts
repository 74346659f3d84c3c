import type { DirectoryGateway } from '../../directory/index.js';
import { planActivation, planRotation, readRotationTarget, RotationError, type AppProfile, type Plan } from '../../sso/index.js';
import type { RotationParameters } from './rotate-certificate-card.js';

/**
 * Reads the app's service principal and plans the rotation or activation
 * that the parameters ask for. Throws a `RotationError` with code
 * `not_set_up` when the app is not in the tenant, and the planner's errors
 * for a certificate that cannot be activated.
 */
export async function planRotationRequest(gateway: DirectoryGateway, profile: AppProfile, parameters: RotationParameters, now: Date): Promise<Plan> {
  const target = await readRotationTarget(gateway, profile, now);
  if (!target) throw new RotationError('not_set_up', `${profile.displayName} is not set up in this tenant yet.`);
  if ('mode' in parameters) return planRotation(profile, target, parameters.mode);
  return planActivation(profile, target, parameters.activateThumbprint);
}
