import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { ChangeRequest } from '../../requests/types.js';
import type { CardActionHandler } from '../command-router.js';
import { parseClick, requestClickSchema } from '../flow/click-data.js';
import { profileOf } from '../flow/request-card.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { messageResponse } from '../invoke-responses.js';
import { rotationParameters } from './rotate-certificate-card.js';
import { postRotationDraft } from './rotate-certificate-draft.js';

/** Returns the thumbprint a succeeded add-only rotation made, or why it offers nothing to activate. */
function certificateToActivate(request: ChangeRequest | undefined, tenantId: string): { thumbprint: string } | { problem: string } {
  if (!request || request.kind !== 'rotate-certificate' || request.tenantId.toLowerCase() !== tenantId.toLowerCase()) {
    return { problem: 'This button belongs to no certificate rotation of this tenant, so nothing changed.' };
  }
  const parameters = rotationParameters(request);
  const thumbprint = request.result?.certificate?.thumbprint;
  if (request.state !== 'succeeded' || !('mode' in parameters) || parameters.mode !== 'add-only' || !thumbprint) {
    return { problem: `${request.id} made no inactive certificate to activate, so nothing changed.` };
  }
  return { thumbprint };
}

/**
 * Handles "Activate this certificate" on the certificate card of an add-only
 * rotation: opens a new rotate-certificate request that makes the
 * certificate active, whose card goes through submit and approval like
 * every change. The thumbprint comes from the stored request, never from
 * the click's data.
 */
export function createActivateCertificateHandler(flow: SetupFlow): CardActionHandler {
  return async (turn): Promise<AdaptiveCardInvokeResponse> => {
    const parsed = parseClick(requestClickSchema, turn.data);
    if (!parsed.ok) {
      turn.logger.warn({ problem: parsed.problem }, 'rejected an activate-certificate click with invalid data');
      return messageResponse(`The button sent invalid data (${parsed.problem}), so nothing changed.`);
    }

    const source = await flow.context.store.get(parsed.value.requestId);
    const found = certificateToActivate(source, flow.context.tenantId);
    if ('problem' in found) {
      turn.logger.warn({ requestId: parsed.value.requestId }, 'rejected an activate-certificate click');
      return messageResponse(found.problem);
    }

    const draft = await postRotationDraft(flow, {
      profile: profileOf(source!),
      parameters: { activateThumbprint: found.thumbprint, sourceRequestId: source!.id },
      actor: turn.actor,
      context: turn.context,
      logger: turn.logger,
    });
    if (!draft) return messageResponse('No activation request was opened; the message above says why.');
    return messageResponse(`Opened ${draft.id} to activate the certificate ${found.thumbprint}. Submit it for approval on its card.`);
  };
}
