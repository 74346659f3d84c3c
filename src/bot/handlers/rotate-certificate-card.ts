import { buildSetupRequestCard, type AdaptiveCardJson } from '../../cards/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { isRotationMode, type AppProfile, type RotationMode } from '../../sso/index.js';
import { profileOf, requestView, type RequestCardExtras } from '../flow/request-card.js';

/** Parameters of a rotate-certificate request: a rotation mode, or the thumbprint to activate. */
export type RotationParameters =
  | { mode: RotationMode }
  | { activateThumbprint: string; sourceRequestId?: string };

/** Reads a rotation request's parameters. An unreadable mode falls back to `add-only`, which leaves the active certificate as it is. */
export function rotationParameters(request: Pick<ChangeRequest, 'parameters'>): RotationParameters {
  const { mode, activateThumbprint, sourceRequestId } = request.parameters;
  if (typeof activateThumbprint === 'string') {
    return { activateThumbprint, ...(typeof sourceRequestId === 'string' ? { sourceRequestId } : {}) };
  }
  return { mode: isRotationMode(mode) ? mode : 'add-only' };
}

/** Lists the two rotation modes as the card offers them, "add only" first because it is the default. */
export function rotationModeChoices(profile: AppProfile): Array<{ title: string; value: RotationMode }> {
  return [
    { title: `Add only: I will activate it after uploading it to ${profile.displayName}`, value: 'add-only' },
    { title: `Add and activate now: sign-in fails until ${profile.displayName} has the new certificate`, value: 'add-and-activate' },
  ];
}

/**
 * Builds the card of a rotate-certificate request: the set-up request card
 * with the rotation's summary, and on a draft rotation the choice of mode
 * instead of the set-up choices. An activation request has no choices.
 */
export function buildRotationRequestCard(request: ChangeRequest, extras: RequestCardExtras): AdaptiveCardJson {
  const view = { ...requestView(request, extras), kind: 'rotate-certificate' as const, existingInstance: false };
  const parameters = rotationParameters(request);
  if (!('mode' in parameters)) return buildSetupRequestCard(view);
  return buildSetupRequestCard({ ...view, rotationModeChoices: rotationModeChoices(profileOf(request)), rotationMode: parameters.mode });
}
