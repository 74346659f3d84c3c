import { CardFactory, MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { buildWhoHasCard, type AdaptiveCardJson } from '../../cards/index.js';
import type { CommandOf } from '../../commands/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import { getProfile, type AppProfile } from '../../sso/index.js';
import { listAssignments } from '../../sso/status/index.js';
import { UserRequestError } from '../../sso/users/index.js';
import type { CardActionHandler, CommandHandler } from '../command-router.js';
import { messageResponse } from '../invoke-responses.js';
import type { ProactiveMessenger } from '../proactive-messenger.js';
import { findServicePrincipal, notSetUpMessage, profileFor } from './users-app.js';

export interface WhoHasHandlerDependencies {
  gateway: DirectoryGateway;
  /** Sends the next page after the invoke response; the CloudAdapter's messenger in production. */
  messenger: Pick<ProactiveMessenger, 'send'>;
}

// The card's cursor is `<first row of the next page>~<Graph skip token>`, so
// the next page can number its rows. It comes back as untrusted card data;
// listAssignments validates the token part.
const pageCursorPattern = /^(\d{1,6})~(.+)$/;

const invalidPageMessage = 'This page link is invalid. Type "who has GoToMeeting" to start again from the first page.';

function encodeCursor(nextIndex: number, skipToken: string | undefined): string | undefined {
  return skipToken === undefined ? undefined : `${nextIndex}~${skipToken}`;
}

async function pageCard(gateway: DirectoryGateway, profile: AppProfile, firstIndex: number, skipToken?: string): Promise<AdaptiveCardJson | string> {
  const servicePrincipal = await findServicePrincipal(gateway, profile);
  if (!servicePrincipal?.id) return notSetUpMessage(profile);

  const page = await listAssignments(gateway, servicePrincipal.id, skipToken);
  const principals = page.entries.map((entry) => ({
    type: entry.type,
    displayName: entry.displayName,
    ...(entry.userPrincipalName ? { userPrincipalName: entry.userPrincipalName } : {}),
    ...(entry.assignedAt ? { assignedAt: entry.assignedAt } : {}),
  }));
  const cursor = encodeCursor(firstIndex + page.entries.length, page.cursor);
  return buildWhoHasCard({ appName: profile.displayName, appProfileId: profile.id, principals, firstIndex, ...(cursor ? { cursor } : {}) });
}

/** Replies to `who has <app>` and `assignments [<app>]` with the first page of assignments. */
export function createWhoHasHandler(dependencies: WhoHasHandlerDependencies): CommandHandler<CommandOf<'who-has'>> {
  return async ({ command, context, logger }) => {
    const profile = profileFor(command.app);
    const card = await pageCard(dependencies.gateway, profile, 1);
    logger.info({ appProfileId: profile.id }, 'listed assignments');
    await context.sendActivity(typeof card === 'string' ? card : MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  };
}

/**
 * Handles the who-has card's "More" button. The invoke response goes out at
 * once and the next page follows as a new message, because the response to a
 * click must not wait for Graph.
 */
export function createAssignmentsPageHandler(dependencies: WhoHasHandlerDependencies): CardActionHandler {
  return async ({ data, context, logger }): Promise<AdaptiveCardInvokeResponse> => {
    const profile = typeof data.appProfileId === 'string' ? getProfile(data.appProfileId) : undefined;
    const cursor = typeof data.cursor === 'string' ? pageCursorPattern.exec(data.cursor) : null;
    if (profile === undefined || cursor === null) {
      logger.warn('rejected an assignments page request with an invalid app or cursor');
      return messageResponse(invalidPageMessage);
    }

    const reference = TurnContext.getConversationReference(context.activity);
    const sendPage = async (): Promise<void> => {
      let message: string | AdaptiveCardJson;
      try {
        message = await pageCard(dependencies.gateway, profile, Number(cursor[1]), cursor[2]);
      } catch (error) {
        if (!(error instanceof UserRequestError)) throw error;
        logger.warn({ err: error }, 'rejected an assignments page request with an invalid cursor');
        message = invalidPageMessage;
      }
      await dependencies.messenger.send(reference, typeof message === 'string' ? message : CardFactory.adaptiveCard(message));
    };
    sendPage().catch((error: unknown) => logger.error({ err: error }, 'failed to send the next page of assignments'));
    return messageResponse('Reading the next page of assignments.');
  };
}
