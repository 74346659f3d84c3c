import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { isDirectoryError } from '../../directory/index.js';
import { attachCard, createDraft, isRefusal } from '../../requests/index.js';
import type { Actor, ChangeRequest } from '../../requests/types.js';
import { RotationError, type AppProfile } from '../../sso/index.js';
import { plainTextMessage } from '../bot-messages.js';
import type { Logger } from '../../logging/index.js';
import { describeRefusal } from '../flow/refusal-messages.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { describePlanningError } from '../flow/setup-command.js';
import { buildRotationRequestCard, type RotationParameters } from './rotate-certificate-card.js';
import { notSetUpMessage } from './users-app.js';
import { planRotationRequest } from './rotate-certificate-plan.js';

export interface RotationDraftInput {
  profile: AppProfile;
  parameters: RotationParameters;
  actor: Actor;
  context: TurnContext;
  logger: Logger;
}

/** Returns the sentence for a rotation that could not be planned, with what to do next. */
export function describeRotationError(error: unknown, profile: AppProfile): string | undefined {
  if (error instanceof RotationError) return error.code === 'not_set_up' ? notSetUpMessage(profile) : `I cannot plan this: ${error.message}`;
  if (isDirectoryError(error)) return describePlanningError(error);
  return undefined;
}

/**
 * Plans a rotation or activation, stores it as a draft and posts its card in
 * the conversation of `context`. Replies with a plain sentence instead when
 * the app is not set up, the tenant cannot be read or the draft is rejected.
 */
export async function postRotationDraft(flow: SetupFlow, input: RotationDraftInput): Promise<ChangeRequest | undefined> {
  const { store, rules, now, tenantId } = flow.context;
  const { profile, parameters, actor, context, logger } = input;

  let plan;
  try {
    [plan] = await Promise.all([planRotationRequest(flow.context.gateway, profile, parameters, now()), flow.approvers.refresh()]);
  } catch (error) {
    const sentence = describeRotationError(error, profile);
    if (sentence === undefined) throw error;
    logger.warn({ err: error, code: (error as { code?: string }).code }, 'did not plan a certificate rotation');
    await context.sendActivity(plainTextMessage(sentence));
    return undefined;
  }

  const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
  const draft = createDraft(actor, { kind: 'rotate-certificate', tenantId, appProfileId: profile.id, parameters, conversation: reference, plan }, rules, now());
  if (isRefusal(draft)) {
    logger.warn({ code: draft.code }, 'rejected a certificate rotation request');
    await context.sendActivity(plainTextMessage(describeRefusal(draft)));
    return undefined;
  }

  const request = await store.create(draft);
  const card = buildRotationRequestCard(request, flow.extras(request.id));
  const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  if (sent?.id) await store.update(request.id, (current) => attachCard(current, sent.id, now()));
  logger.info({ requestId: request.id, parameters, planHash: plan.hash, cardActivityId: sent?.id }, 'posted a certificate rotation request card');
  return request;
}
