import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { expire, lastDecision, type Refusal, type RequestMutation } from '../../requests/index.js';
import type { Actor, ChangeRequest } from '../../requests/types.js';
import type { CardActionTurn } from '../command-router.js';
import { cardResponse, messageResponse, noticeCardResponse } from '../invoke-responses.js';
import { describeRefusal, malformedClickMessage } from './refusal-messages.js';
import type { SetupFlow } from './setup-flow.js';

/**
 * Responds to a rejected click with the request card unchanged plus a notice
 * saying why, and logs it with the ids. A request of another tenant is never
 * shown, so that click gets the sentence alone.
 */
export async function answerRefusal(flow: SetupFlow, turn: CardActionTurn, refusal: Refusal): Promise<AdaptiveCardInvokeResponse> {
  turn.logger.warn(
    { requestId: refusal.requestId, code: refusal.code, state: refusal.state, actor: turn.actor.aadObjectId, decidedBy: refusal.decided?.by?.aadObjectId },
    'rejected a card click',
  );

  if (refusal.code === 'expired') await expireNow(flow, refusal.requestId);
  const request = refusal.code === 'not_found' ? undefined : await flow.context.store.get(refusal.requestId);
  if (!request || !sameTenant(request, turn.actor)) return messageResponse(describeRefusal(refusal));
  const notice = describeRefusal(refusal, refusal.decided ?? lastDecision(request));
  return noticeCardResponse(flow.card(request, notice), notice);
}

/** Responds to a click whose data failed validation. Nothing is changed. */
export async function answerMalformed(
  flow: SetupFlow,
  turn: CardActionTurn,
  problem: string,
  requestId: string | undefined,
): Promise<AdaptiveCardInvokeResponse> {
  const notice = malformedClickMessage(problem);
  turn.logger.warn({ requestId, problem, actor: turn.actor.aadObjectId }, 'rejected a card click with invalid data');

  const request = requestId ? await flow.context.store.get(requestId) : undefined;
  if (!request || !sameTenant(request, turn.actor)) return messageResponse(notice);
  return noticeCardResponse(flow.card(request, notice), notice);
}

/**
 * Applies a transition to the stored request under compare-and-swap. On
 * success the shared card is updated for everyone, and the clicking user gets
 * the new card at once. On refusal the user gets the card unchanged with the reason.
 */
export async function applyClick(
  flow: SetupFlow,
  turn: CardActionTurn,
  requestId: string,
  mutate: RequestMutation,
  onApplied?: (request: ChangeRequest) => void,
): Promise<AdaptiveCardInvokeResponse> {
  const result = await flow.context.store.update(requestId, mutate);
  if (!result.ok) return answerRefusal(flow, turn, result.refusal);

  turn.logger.info({ requestId, state: result.request.state, changed: result.changed, actor: turn.actor.aadObjectId }, 'applied a card click');
  if (result.changed) flow.cards.schedule(requestId);
  onApplied?.(result.request);
  return cardResponse(flow.card(result.request));
}

function sameTenant(request: ChangeRequest, actor: Actor): boolean {
  return actor.tenantId !== undefined && actor.tenantId.toLowerCase() === request.tenantId.toLowerCase();
}

async function expireNow(flow: SetupFlow, requestId: string): Promise<void> {
  const result = await flow.context.store.update(requestId, (current) => expire(current, flow.context.now()));
  if (result.ok && result.changed) flow.cards.schedule(requestId);
}
