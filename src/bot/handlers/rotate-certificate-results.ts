import { CardFactory, type Attachment, type ConversationReference } from 'botbuilder';
import { buildCertificateCard } from '../../cards/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import type { AppProfile, SigningCertificate } from '../../sso/index.js';
import { withConnectorRetry } from '../flow/connector-retry.js';
import { profileOf } from '../flow/request-card.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { rotationParameters } from './rotate-certificate-card.js';

function previousLine(request: ChangeRequest): string {
  const previous = request.plan.choices.currentThumbprint;
  return typeof previous === 'string' ? `Until then the certificate ${previous} keeps signing.` : 'Until then no certificate signs SAML responses.';
}

/** Lists what to do with a new certificate, depending on whether the run made it active. */
export function rotationNextSteps(profile: AppProfile, request: ChangeRequest, activated: boolean): string[] {
  const upload = `in the ${profile.displayName} Organization Center, on the Identity Provider tab, upload this certificate as the signing certificate.`;
  if (activated) {
    return [`This certificate is active now. Give it to ${profile.displayName} at once, because sign-in fails until it has it: ${upload}`];
  }
  return [
    `1. Give this certificate to ${profile.displayName}: ${upload}`,
    '2. Then select "Activate this certificate" below. That opens a change request, which needs approval like this one.',
    `3. ${previousLine(request)}`,
  ];
}

/** Builds the certificate card of a succeeded rotation, with its next steps and, unless it is active already, the Activate button. */
export function rotationCertificateAttachment(flow: SetupFlow, request: ChangeRequest, certificate: SigningCertificate): Attachment {
  const profile = profileOf(request);
  const parameters = rotationParameters(request);
  const activated = 'mode' in parameters && parameters.mode === 'add-and-activate';
  const link = flow.context.certificateLink(request.id);
  const card = buildCertificateCard({
    appName: profile.displayName,
    certificate,
    downloadUrl: link.url,
    downloadExpiresAt: link.expiresAt,
    nextSteps: rotationNextSteps(profile, request, activated),
    ...(activated ? {} : { activateRequestId: request.id }),
  });
  return CardFactory.adaptiveCard(card);
}

function activationMessage(request: ChangeRequest, thumbprint: string): string {
  const appName = profileOf(request).displayName;
  return `${request.id}: the certificate ${thumbprint} is now active for ${appName}, so Entra signs ${appName} SAML responses with it.`;
}

/**
 * Posts the result of a succeeded rotation request: the new certificate card
 * after a rotation, or a sentence after an activation. A failed post is
 * logged, and the request stays succeeded.
 */
export async function postRotationResults(flow: SetupFlow, request: ChangeRequest): Promise<void> {
  const { messenger, store } = flow.context;
  const logger = flow.context.logger.child({ requestId: request.id });
  const parameters = rotationParameters(request);
  const certificate = request.result?.certificate;
  const reference = request.conversation as Partial<ConversationReference>;

  let message: Attachment | string;
  if ('activateThumbprint' in parameters) message = activationMessage(request, parameters.activateThumbprint);
  else if (certificate) message = rotationCertificateAttachment(flow, request, certificate);
  else message = 'The rotation made no new certificate. Type `status` to see the active one.';

  try {
    const activityId = await withConnectorRetry(() => messenger.send(reference, message), {
      attempts: 3,
      initialDelayMs: 1000,
      onRetry: (error, attempt) => logger.warn({ err: error, attempt }, 'posting the rotation result failed; retrying'),
    });
    if (activityId) await store.update(request.id, (current) => ({ ...current, resultActivityIds: { ...current.resultActivityIds, certificate: activityId } }));
    logger.info({ activityId, thumbprint: certificate?.thumbprint }, 'posted the result of a certificate rotation');
  } catch (error) {
    logger.error({ err: error }, 'failed to post the result of a certificate rotation');
  }
}
