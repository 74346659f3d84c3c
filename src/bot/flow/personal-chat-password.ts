import { CardFactory } from 'botbuilder';
import { buildPasswordCard } from '../../cards/index.js';
import type { Logger } from '../../logging/index.js';
import type { ProactiveMessenger } from '../proactive-messenger.js';
import type { DeliverPassword } from './flow-context.js';

/**
 * Creates the default password delivery: the password card goes to the request's
 * conversation only when that is a personal chat with the requester.
 * Anywhere else the password is dropped, and the request card explains how
 * to reset it in the Entra admin center. Nothing here logs the password.
 */
export function personalChatPasswordDelivery(messenger: ProactiveMessenger, logger: Logger): DeliverPassword {
  return async (recipient, secret) => {
    const conversation = recipient.conversation.conversation;
    const ids = { conversationId: conversation?.id, userId: secret.userId, requester: recipient.requester.aadObjectId };
    if (conversation?.conversationType !== 'personal') {
      logger.info(ids, 'the request was made outside a personal chat, so the initial password is not shown');
      return 'not-shown';
    }

    try {
      const card = buildPasswordCard({
        displayName: secret.displayName,
        userPrincipalName: secret.userPrincipalName,
        password: secret.password,
        conversationType: conversation.conversationType,
      });
      await messenger.send(recipient.conversation, CardFactory.adaptiveCard(card));
    } catch (error) {
      // The error comes from the card builder or the Bot Connector and carries no part of the card.
      logger.error({ ...ids, err: error }, 'failed to send the initial password, so it is dropped');
      return 'not-shown';
    }
    logger.info(ids, 'sent the initial password to the requester in the personal chat');
    return 'personal-chat';
  };
}
