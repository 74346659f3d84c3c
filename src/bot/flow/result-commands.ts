import { MessageFactory } from 'botbuilder';
import type { CommandOf } from '../../commands/index.js';
import { isRefusal } from '../../requests/index.js';
import type { CardActionHandler, CommandHandler } from '../command-router.js';
import { profileFor } from '../handlers/users-app.js';
import { cardResponse } from '../invoke-responses.js';
import { answerMalformed, answerRefusal } from './click-answers.js';
import { checklistClickSchema, parseClick } from './click-data.js';
import { isRequestConversation } from './conversation-guard.js';
import { latestSucceeded } from './request-commands.js';
import { certificateAttachment, checklistAttachment, checklistItems, setupValuesAttachment } from './result-cards.js';
import type { SetupFlow } from './setup-flow.js';
import { SETUP_KINDS } from './setup-kinds.js';

function notSetUpYet(appName: string): string {
  return `No set-up of ${appName} through me has finished yet. Type "set up ${appName} SSO" to start one.`;
}

/** `certificate`: posts the signing certificate (with a fresh link) and the set-up values of the app's newest set-up again. */
export function createCertificateHandler(flow: SetupFlow): CommandHandler<CommandOf<'certificate'>> {
  return async ({ command, context, actor, logger }) => {
    const profile = profileFor(command.app);
    const request = await latestSucceeded(flow, profile.id, actor, (candidate) => candidate.result?.certificate !== undefined);
    if (!request) {
      await context.sendActivity(notSetUpYet(profile.displayName));
      return;
    }

    const attachment = certificateAttachment(request, flow.context.certificateLink(request.id));
    if (attachment) await context.sendActivity(MessageFactory.attachment(attachment));
    const values = setupValuesAttachment(request);
    if (values) await context.sendActivity(MessageFactory.attachment(values));
    logger.info({ requestId: request.id }, 'posted the signing certificate again');
  };
}

/** `checklist`: posts the checklist of the app's newest succeeded set-up again; ticks go to the same list. */
export function createChecklistHandler(flow: SetupFlow): CommandHandler<CommandOf<'checklist'>> {
  return async ({ command, context, actor, logger }) => {
    const profile = profileFor(command.app);
    // Only set-ups and repairs post a checklist, so a newer user request of the same app is skipped.
    const request = await latestSucceeded(flow, profile.id, actor, (candidate) => SETUP_KINDS.includes(candidate.kind));
    if (!request) {
      await context.sendActivity(notSetUpYet(profile.displayName));
      return;
    }

    const state = await flow.context.store.checklists.create(request);
    const sent = await context.sendActivity(MessageFactory.attachment(checklistAttachment(request, state)));
    // The newest checklist card in the request's conversation is the one every tick updates, because updates go there.
    if (sent?.id && isRequestConversation(request, context.activity.conversation?.id)) await flow.context.store.update(request.id, (current) => ({ ...current, resultActivityIds: { ...current.resultActivityIds, checklist: sent.id } }));
    logger.info({ requestId: request.id, checklistActivityId: sent?.id }, 'posted the checklist again');
  };
}

/**
 * "Done" on a checklist item: ticks or unticks it for everyone, records who
 * and when, and updates the posted checklist card in place.
 */
export function createChecklistToggleHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const parsed = parseClick(checklistClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const { store, now } = flow.context;
    const { requestId, itemId } = parsed.value;
    const request = await store.get(requestId);
    const state = request ? await store.checklists.get(requestId) : undefined;
    if (!request || !state || !checklistItems(request, state).some((item) => item.id === itemId && !item.informational)) {
      return answerMalformed(flow, turn, 'itemId: not an item of this checklist', undefined);
    }

    const done = state.items[itemId]?.done !== true;
    const next = await store.checklists.setItem(requestId, itemId, turn.actor, done, now());
    if (isRefusal(next)) return answerRefusal(flow, turn, next);

    turn.logger.info({ requestId, itemId, done, actor: turn.actor.aadObjectId }, 'updated a checklist item');
    flow.checklistCards.schedule(requestId);
    return cardResponse(checklistAttachment(request, next).content as Record<string, unknown>);
  };
}
