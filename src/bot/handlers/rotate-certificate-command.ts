import type { CommandOf } from '../../commands/index.js';
import type { CommandHandler } from '../command-router.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { postRotationDraft } from './rotate-certificate-draft.js';
import { profileFor } from './users-app.js';

/**
 * Handles `rotate certificate [<app>]`: reads the app's current signing
 * certificate and posts a draft rotation card, in the `add-only` mode until
 * the requester picks another on the card.
 */
export function createRotateCertificateHandler(flow: SetupFlow): CommandHandler<CommandOf<'rotate-certificate'>> {
  return async ({ command, context, actor, logger }) => {
    const profile = profileFor(command.app);
    await postRotationDraft(flow, { profile, parameters: { mode: 'add-only' }, actor, context, logger });
  };
}
