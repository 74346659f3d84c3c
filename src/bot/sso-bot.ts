import { randomUUID } from 'node:crypto';
import {
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type InvokeResponse,
} from 'botbuilder';
import { parseCommand, type Command, type MentionEntity } from '../commands/index.js';
import type { Config } from '../config/index.js';
import { activityLogger, type Logger } from '../logging/index.js';
import { actorFromActivity } from './actor.js';
import { botMessages, plainTextMessage, unknownCommandMessage } from './bot-messages.js';
import type { CommandRouter, RoutedCommandType } from './command-router.js';
import { helpCardAttachment } from './help-card.js';
import { invokeResponse, messageResponse } from './invoke-responses.js';
import { withWellFormedMentions } from './mentions.js';
import { readSubmitAction, sendSubmitResponse, type CardAction } from './submit-actions.js';
import { activityTenantId, isFromTenant } from './tenant.js';

export interface SsoBotDependencies {
  config: Pick<Config, 'tenantId'>;
  logger: Logger;
  router: CommandRouter;
}

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
const TURN_LOGGER = Symbol('activity logger');

/**
 * The Teams activity handler. It checks the tenant, parses messages into
 * commands, replies to help and unknown text itself and hands every other
 * command and every card click to the router. Decisions about change
 * requests live in the handlers, not here.
 */
export class SsoBot extends TeamsActivityHandler {
  constructor(private readonly dependencies: SsoBotDependencies) {
    super();

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
      if (botAdded) {
        await context.sendActivity(MessageFactory.attachment(helpCardAttachment({ intro: botMessages.greeting })));
      }
      await next();
    });
  }

  /**
   * Returns the activity logger of the turn, created on first use. A pino 10
   * child logger with our redaction paths costs about 30 µs, because pino
   * runs every wildcard path over each bound value, so a turn makes one.
   */
  private turnLogger(context: TurnContext): Logger {
    let logger = context.turnState.get(TURN_LOGGER) as Logger | undefined;
    if (logger === undefined) {
      logger = activityLogger(this.dependencies.logger, context.activity);
      context.turnState.set(TURN_LOGGER, logger);
    }
    return logger;
  }

  /** Rejects foreign tenants and turns any uncaught error into a sentence with a correlation id. */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    const logger = this.turnLogger(context);

    if (!isFromTenant(context.activity, this.dependencies.config.tenantId)) {
      logger.warn({ activityTenantId: activityTenantId(context.activity) ?? null }, 'rejected an activity from another tenant');
      await this.reply(context, botMessages.foreignTenant);
      return;
    }

    try {
      await super.onTurnActivity(context);
    } catch (error) {
      const correlationId = randomUUID();
      logger.error({ err: error, correlationId }, 'failed to handle an activity');
      await this.reply(context, botMessages.failure(correlationId));
    }
  }

  /**
   * Responds to every `adaptiveCard/action` invoke with HTTP 200 and a card action
   * response, including invokes without `value.action`: botbuilder 4.23's default
   * responds to those with 501, which Teams shows as "Unable to reach app".
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== ADAPTIVE_CARD_ACTION) {
      return super.onInvokeActivity(context);
    }
    return invokeResponse(await this.handleCardAction(context));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const submitted = readSubmitAction(activity);
    if (submitted) {
      await this.handleSubmitAction(context, submitted);
      return;
    }

    activity.entities = withWellFormedMentions(activity.entities);
    const botId = activity.recipient?.id;
    const mentions: MentionEntity[] = TurnContext.getMentions(activity).filter((mention) => mention.mentioned?.id);
    if (typeof activity.text === 'string') {
      TurnContext.removeRecipientMention(activity);
    }

    const command = parseCommand(activity.text ?? '', mentions, botId);
    const logger = this.turnLogger(context).child({ command: command.type });
    logger.debug('parsed a command');

    if (command.type === 'help') {
      await context.sendActivity(MessageFactory.attachment(helpCardAttachment()));
      return;
    }
    if (command.type === 'unknown') {
      await context.sendActivity(unknownCommandMessage(command));
      return;
    }
    await this.routeCommand(context, command, logger);
  }

  private async routeCommand(
    context: TurnContext,
    command: Extract<Command, { type: RoutedCommandType }>,
    logger: Logger,
  ): Promise<void> {
    const actor = actorFromActivity(context.activity);
    if (!actor) {
      logger.warn('rejected a command without from.aadObjectId');
      await context.sendActivity(botMessages.unknownActor);
      return;
    }

    const handler = this.dependencies.router.commandHandler(command.type);
    if (!handler) {
      logger.info('no handler is registered for the command');
      await context.sendActivity(botMessages.commandUnavailable);
      return;
    }

    await handler({ command: command as never, context, actor, logger });
  }

  private async handleCardAction(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const logger = this.turnLogger(context);
    const action = readAction(context.activity.value);
    if (!action) {
      logger.warn('rejected an adaptiveCard/action invoke without value.action.verb');
      return messageResponse(botMessages.invalidCardAction);
    }
    return this.runCardAction(context, action, logger);
  }

  /**
   * Handles the click of an `Action.Submit` fallback like the `Action.Execute`
   * it replaces. The same handler runs, with the sender from the activity.
   */
  private async handleSubmitAction(context: TurnContext, submitted: CardAction | 'malformed'): Promise<void> {
    const logger = this.turnLogger(context).child({ actionType: 'Action.Submit' });
    if (submitted === 'malformed') {
      logger.warn('rejected an Action.Submit click whose verb is not a non-empty string');
      await context.sendActivity(plainTextMessage(botMessages.invalidCardAction));
      return;
    }

    const response = await this.runCardAction(context, submitted, logger);
    await sendSubmitResponse(context, response, logger.child({ verb: submitted.verb }));
  }

  /** Runs the handler registered for the verb, or returns a message with the reason it did not run. */
  private async runCardAction(context: TurnContext, action: CardAction, logger: Logger): Promise<AdaptiveCardInvokeResponse> {
    const verbLogger = logger.child({ verb: action.verb });
    const actor = actorFromActivity(context.activity);
    if (!actor) {
      verbLogger.warn('rejected a card action without from.aadObjectId');
      return messageResponse(botMessages.unknownActor);
    }

    const handler = this.dependencies.router.cardActionHandler(action.verb);
    if (!handler) {
      verbLogger.info('no handler is registered for the card verb');
      return messageResponse(botMessages.cardActionUnavailable);
    }

    try {
      return await handler({ verb: action.verb, data: action.data, context, actor, logger: verbLogger });
    } catch (error) {
      const correlationId = randomUUID();
      verbLogger.error({ err: error, correlationId }, 'failed to handle a card action');
      return messageResponse(botMessages.failure(correlationId));
    }
  }

  /** Replies in the form the activity expects: an invoke response for invokes, a message otherwise. */
  private async reply(context: TurnContext, text: string): Promise<void> {
    if (context.activity.type === 'invoke') {
      const body = context.activity.name === ADAPTIVE_CARD_ACTION ? messageResponse(text) : undefined;
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
      return;
    }
    if (context.activity.type === 'message') {
      await context.sendActivity(text);
    }
  }
}

function readAction(value: unknown): CardAction | undefined {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  if (typeof action?.verb !== 'string' || action.verb === '') {
    return undefined;
  }

  const data = action.data;
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  return { verb: action.verb, data: isObject ? (data as Record<string, unknown>) : {} };
}

/** Creates the bot with its collaborators. */
export function createSsoBot(dependencies: SsoBotDependencies): SsoBot {
  return new SsoBot(dependencies);
}
