import { CardVerb } from '../../cards/index.js';
import type { CommandRouter } from '../command-router.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { withAppChoice } from './app-choice.js';
import { createActivateCertificateHandler } from './rotate-certificate-activate.js';
import { buildRotationRequestCard } from './rotate-certificate-card.js';
import { createRotateCertificateHandler } from './rotate-certificate-command.js';
import { postRotationResults } from './rotate-certificate-results.js';
import { submitRotationRequest } from './rotate-certificate-submit.js';

/**
 * Registers `rotate certificate [<app>]` and the certificate card's Activate
 * button, and plugs the rotate-certificate kind into the flow: its card, its
 * submit and its results. Approve, reject, cancel, retry, roll back and the
 * run are the flow's, under the same rules as the set-up. A command or verb
 * registered before keeps its handler. The command runs after the app choice.
 */
export function registerRotateCertificateHandlers(router: CommandRouter, flow: SetupFlow): void {
  if (!router.commandHandler('rotate-certificate')) router.registerCommand('rotate-certificate', withAppChoice(flow, 'rotate-certificate', createRotateCertificateHandler(flow)));
  if (!router.cardActionHandler(CardVerb.certificateActivate)) router.registerCardAction(CardVerb.certificateActivate, createActivateCertificateHandler(flow));

  flow.registerKind(['rotate-certificate'], {
    card: (request, extras) => buildRotationRequestCard(request, extras),
    submit: (turn, request) => submitRotationRequest(flow, turn, request),
    afterSuccess: (request) => postRotationResults(flow, request),
  });
}
