import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { buildPasswordCard, type PasswordDelivery } from '../../cards/index.js';
import type { Logger } from '../../logging/index.js';
import type { GeneratedSecret } from '../../sso/index.js';
import type { DeliverPassword, PasswordRecipient } from '../flow/flow-context.js';

/** The OAuth scope of the Bot Connector, the audience for a proactive call to Teams. */
const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

export interface PasswordDeliveryDependencies {
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'createConversationAsync'>;
  /** The bot's Microsoft App ID, or '' in unauthenticated loopback mode. */
  appId: string;
  logger: Logger;
}

function passwordAttachment(secret: GeneratedSecret) {
  // A personal conversation is the only place the card may go; the builder throws for any other.
  const card = buildPasswordCard({ displayName: secret.displayName, userPrincipalName: secret.userPrincipalName, password: secret.password, conversationType: 'personal' });
  return CardFactory.adaptiveCard(card);
}

async function sendInRequestChat(dependencies: PasswordDeliveryDependencies, reference: Partial<ConversationReference>, secret: GeneratedSecret): Promise<void> {
  await dependencies.adapter.continueConversationAsync(dependencies.appId, reference, async (context) => {
    await context.sendActivity({ type: 'message', attachments: [passwordAttachment(secret)] });
  });
}

async function sendInNewPersonalChat(dependencies: PasswordDeliveryDependencies, recipient: PasswordRecipient, secret: GeneratedSecret): Promise<void> {
  const reference = recipient.conversation;
  const parameters = {
    isGroup: false,
    bot: reference.bot!,
    members: [{ id: recipient.requester.teamsUserId!, name: recipient.requester.name }],
    tenantId: recipient.tenantId,
    channelData: { tenant: { id: recipient.tenantId } },
  };
  await dependencies.adapter.createConversationAsync(dependencies.appId, 'msteams', reference.serviceUrl!, BOT_CONNECTOR_AUDIENCE, parameters, async (context) => {
    await context.sendActivity({ type: 'message', attachments: [passwordAttachment(secret)] });
  });
}

/**
 * Sends a new test user's password to the requester alone: in the request's
 * chat when that is the requester's personal chat, otherwise in a personal
 * chat the bot opens. Returns where it went. Any failure drops the password
 * and returns `not-shown`, so the request card explains how to reset it.
 * Nothing here logs the password or the card.
 */
export async function deliverPassword(dependencies: PasswordDeliveryDependencies, recipient: PasswordRecipient, secret: GeneratedSecret): Promise<PasswordDelivery> {
  const ids = { requestChat: recipient.conversation.conversation?.id, userId: secret.userId, requester: recipient.requester.aadObjectId };
  try {
    if (recipient.conversation.conversation?.conversationType === 'personal') {
      await sendInRequestChat(dependencies, recipient.conversation, secret);
    } else if (recipient.requester.teamsUserId && recipient.conversation.serviceUrl && recipient.conversation.bot) {
      await sendInNewPersonalChat(dependencies, recipient, secret);
    } else {
      dependencies.logger.warn(ids, 'no personal chat with the requester is possible, so the initial password is dropped');
      return 'not-shown';
    }
  } catch (error) {
    // The error comes from the Bot Connector and carries no part of the card.
    dependencies.logger.error({ ...ids, err: error }, 'failed to send the initial password to the requester, so it is dropped');
    return 'not-shown';
  }
  dependencies.logger.info(ids, 'sent the initial password to the requester in a personal chat');
  return 'personal-chat';
}

/** Returns `deliverPassword` bound to the adapter, for the flow's `deliverPassword` option. */
export function requesterChatPasswordDelivery(dependencies: PasswordDeliveryDependencies): DeliverPassword {
  return (recipient, secret) => deliverPassword(dependencies, recipient, secret);
}
