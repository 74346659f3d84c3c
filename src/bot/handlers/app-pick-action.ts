import { randomUUID } from 'node:crypto';
import { CardFactory, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { buildAppChoiceCard, type AdaptiveCardJson } from '../../cards/index.js';
import type { Command } from '../../commands/index.js';
import { getProfile } from '../../sso/index.js';
import { botMessages } from '../bot-messages.js';
import type { CardActionHandler, CardActionTurn, CommandRouter } from '../command-router.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { cardResponse, messageResponse } from '../invoke-responses.js';
import { APP_QUESTIONS, appChoiceFor, isAppCommandType, type AppCommandType } from './app-choice.js';
import { PICK_ID_PATTERN } from './app-picks.js';

const pickClickSchema = z.object({
  pickId: z.string().regex(PICK_ID_PATTERN),
  appProfileId: z.string().min(1).max(64),
});

const goneMessage = 'This choice has expired or was already made, so nothing happened. Type the command again.';

/**
 * Handles a button of an app choice card. The command comes from storage,
 * and the click only selects one of the apps stored as offered. Only the
 * person who typed the command can pick. The invoke response goes out at
 * once, and the command continues in a new turn of the conversation because
 * its handler reads the tenant.
 */
export function createAppPickHandler(flow: SetupFlow, router: CommandRouter): CardActionHandler {
  return async (turn) => {
    const { actor, logger } = turn;
    const parsed = pickClickSchema.safeParse(turn.data);
    if (!parsed.success) {
      logger.warn({ problem: parsed.error.issues[0]?.message }, 'rejected an app pick with invalid data');
      return messageResponse(botMessages.invalidCardAction);
    }
    const { pickId, appProfileId } = parsed.data;

    const picks = appChoiceFor(flow).picks;
    const stored = await picks.get(pickId);
    if (stored === undefined) return messageResponse(goneMessage);
    const { pick, eTag } = stored;
    if (pick.requester !== actor.aadObjectId) {
      logger.warn({ pickId, actor: actor.aadObjectId }, 'rejected an app pick by someone other than the requester');
      return messageResponse('Only the person who typed the command can pick its app. Type the command yourself to get your own choice.');
    }
    const profile = pick.offered.includes(appProfileId) ? getProfile(appProfileId) : undefined;
    if (profile === undefined || pick.conversationId !== turn.context.activity.conversation?.id || !isAppCommandType(pick.command.type)) {
      logger.warn({ pickId, appProfileId }, 'rejected an app pick for an app or a conversation the card did not offer');
      return messageResponse(botMessages.invalidCardAction);
    }
    if (!(await picks.take(pickId, pick, eTag))) return messageResponse(goneMessage);

    logger.info({ pickId, appProfileId, command: pick.command.type }, 'continuing a command with the picked app');
    const command = { ...pick.command, app: { appKey: profile.id } } as Command;
    const question = APP_QUESTIONS[pick.command.type as Exclude<AppCommandType, 'setup-sso'>];
    const pickedCard = buildAppChoiceCard({ pickId, question, apps: [], picked: { name: profile.displayName, by: actor.name } });
    void continueCommand(flow, router, turn, command, pickedCard);
    return cardResponse(pickedCard);
  };
}

/**
 * Shows the pick on the choice card for everyone in the conversation, then
 * runs the command's handler in a new turn of the click's conversation.
 * Failures are logged and reported there.
 */
async function continueCommand(flow: SetupFlow, router: CommandRouter, turn: CardActionTurn, command: Command, pickedCard: AdaptiveCardJson): Promise<void> {
  const { actor, logger } = turn;
  const { messenger } = flow.context;
  const reference = TurnContext.getConversationReference(turn.context.activity);
  // Replies go under the choice card, whose id the click carries as replyToId.
  const cardActivityId = turn.context.activity.replyToId;
  const commandLogger = logger.child({ command: command.type });
  if (cardActivityId) {
    await messenger.update(reference, cardActivityId, CardFactory.adaptiveCard(pickedCard)).catch((error: unknown) => {
      commandLogger.warn({ err: error, cardActivityId }, 'failed to show the pick on the app choice card');
    });
  }

  try {
    const handler = router.commandHandler(command.type as AppCommandType);
    if (handler === undefined) throw new Error(`No handler is registered for the command "${command.type}".`);
    await messenger.continueConversation(reference, async (context) => {
      context.activity.id = cardActivityId;
      await handler({ command: command as never, context, actor, logger: commandLogger });
    });
  } catch (error) {
    const correlationId = randomUUID();
    commandLogger.error({ err: error, correlationId }, 'failed to continue a command after an app pick');
    await messenger.send(reference, botMessages.failure(correlationId)).catch((sendError: unknown) => {
      commandLogger.error({ err: sendError, correlationId }, 'failed to report a failed command after an app pick');
    });
  }
}
