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
      // The continuation activity has a generated id, and sendActivity would
      // turn the message into a reply to that id.
      context.activity.id = undefined;
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
      // sendActivity sets replyToId from the id of the turn's activity.
      context.activity.id = replyToId;
      const response = await context.sendActivity(toActivity(message));
      return response?.id;
    });
  }

  /** Replaces the content of a message the bot sent earlier, such as a request card. */
  async update(reference: Partial<ConversationReference>, activityId: string, message: OutgoingMessage): Promise<void> {
    await this.withContext(reference, async (context) => {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    });
  }

  /**
   * Runs `logic` in a new turn of the conversation, for work that continues
   * after the turn that started it has ended, such as a command resumed by a
   * card click. Errors thrown in `logic` reach the caller.
   */
  continueConversation<T>(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<T>): Promise<T> {
    return this.withContext(reference, logic);
  }

  private async withContext<T>(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    // The adapter hands errors thrown in the logic to onTurnError, which only
    // logs them, so they are caught here and thrown to the caller instead.
    let outcome: { result: T } | { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        outcome = { result: await logic(context) };
      } catch (error) {
        outcome = { error };
      }
    });

    if (outcome === undefined) {
      throw new Error('The adapter did not run the continuation logic.');
    }
    if ('error' in outcome) {
      throw outcome.error;
    }
    return outcome.result;
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
