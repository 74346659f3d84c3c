import {
  MessageFactory,
  type Activity,
  type Attachment,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';

/** The part of CloudAdapter the messenger uses, so tests can hand in their own. */
export type ConversationContinuer = Pick<CloudAdapter, 'continueConversationAsync'>;

/** Message content: plain text, a card attachment or a partial activity. */
export type OutgoingMessage = string | Attachment | Partial<Activity>;

/**
 * Sends, replies and updates messages outside the turn that asked for them,
 * for example while a change request runs in the background. Every call
 * starts from a stored conversation reference.
 */
export class ProactiveMessenger {
  /** `appId` is the bot's Microsoft App ID, or '' in unauthenticated loopback mode. */
  constructor(
    private readonly adapter: ConversationContinuer,
    private readonly appId: string,
  ) {}

  /** Sends a new message to the conversation and returns the id the connector assigned. */
  async send(reference: Partial<ConversationReference>, message: OutgoingMessage): Promise<string | undefined> {
    return this.withContext(reference, async (context) => {
      const response = await context.sendActivity(toActivity(message));
      return response?.id;
    });
  }

  /** Replies to a message in its thread and returns the id of the reply. */
  async reply(
    reference: Partial<ConversationReference>,
    replyToId: string,
    message: OutgoingMessage,
  ): Promise<string | undefined> {
    return this.withContext(reference, async (context) => {
      const response = await context.sendActivity({ ...toActivity(message), replyToId });
      return response?.id;
    });
  }

  /** Replaces the content of a message the bot sent earlier, such as a request card. */
  async update(reference: Partial<ConversationReference>, activityId: string, message: OutgoingMessage): Promise<void> {
    await this.withContext(reference, async (context) => {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    });
  }

  private async withContext<T>(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    let result: T | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      result = await logic(context);
    });
    return result as T;
  }
}

function toActivity(message: OutgoingMessage): Partial<Activity> {
  if (typeof message === 'string') {
    return MessageFactory.text(message);
  }
  if ('contentType' in message && typeof message.contentType === 'string') {
    return MessageFactory.attachment(message as Attachment);
  }
  return { type: 'message', ...(message as Partial<Activity>) };
}
