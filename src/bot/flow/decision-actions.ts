import {
  approve,
  cancel,
  countedApprovals,
  refuse,
  reject,
  requestRetry,
  requestRollback,
  type Refusal,
} from '../../requests/index.js';
import type { Actor, ChangeRequest } from '../../requests/types.js';
import type { CardActionHandler, CardActionTurn } from '../command-router.js';
import { cardResponse } from '../invoke-responses.js';
import { answerMalformed, answerRefusal, applyClick } from './click-answers.js';
import { decisionClickSchema, parseClick, requestClickSchema } from './click-data.js';
import type { SetupFlow } from './setup-flow.js';

/**
 * Approve: records the approval bound to the plan hash and round on the
 * card. The response is sent at once. When the approval completes the
 * request, the run starts in the background and never delays the response.
 */
export function createApproveHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const parsed = parseClick(decisionClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const { requestId, planHash, round, comment } = parsed.value;
    const { policy, rules, now } = flow.context;
    const isApprover = await policy.isApprover(turn.actor);
    const result = await flow.context.store.update(requestId, (current) =>
      approve(current, turn.actor, { planHash, round, isApprover, rules, ...(comment ? { comment } : {}) }, now()),
    );

    if (!result.ok) return answerRepeatOrRefusal(flow, turn, result.refusal);
    turn.logger.info({ requestId, state: result.request.state, actor: turn.actor.aadObjectId, planHash, round }, 'recorded an approval');
    // The card update and the run start after this response is written: their
    // first steps are synchronous store writes and card binding, which under a
    // burst of clicks would otherwise delay the responses still waiting.
    const approved = result.request.state === 'approved';
    setImmediate(() => {
      flow.cards.schedule(requestId);
      if (approved) flow.runs.start(requestId);
    });
    return cardResponse(flow.card(result.request));
  };
}

export function createRejectHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const parsed = parseClick(decisionClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const { requestId, comment } = parsed.value;
    const isApprover = await flow.context.policy.isApprover(turn.actor);
    const stale = await staleDecision(flow, parsed.value);
    if (stale) return answerRefusal(flow, turn, stale);
    return applyClick(flow, turn, requestId, (current) => reject(current, turn.actor, { isApprover, ...(comment ? { comment } : {}) }, flow.context.now()));
  };
}

/** Cancel on the card: the requester or any approver, while the request is not running. */
export function createCancelHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const parsed = parseClick(requestClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const isApprover = await flow.context.policy.isApprover(turn.actor);
    return applyClick(flow, turn, parsed.value.requestId, (current) => cancel(current, turn.actor, { isApprover }, flow.context.now()));
  };
}

/** Retry or Roll back on a failed card: opens one more approval round, which the asker cannot approve. */
export function createRunActionHandler(flow: SetupFlow, action: 'retry' | 'rollback'): CardActionHandler {
  const transition = action === 'retry' ? requestRetry : requestRollback;
  return async (turn) => {
    const parsed = parseClick(requestClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const isApprover = await flow.context.policy.isApprover(turn.actor);
    const input = { isApprover, rules: flow.context.rules };
    return applyClick(flow, turn, parsed.value.requestId, (current) => transition(current, turn.actor, input, flow.context.now()));
  };
}

/**
 * Teams repeats an invoke that took too long, and people double-click. When
 * the person already approved the current round, the repeat gets the current
 * card as a success. Any other refusal is reported.
 */
async function answerRepeatOrRefusal(flow: SetupFlow, turn: CardActionTurn, refusal: Refusal) {
  const repeatable = ['already_decided', 'already_running', 'already_approved_by_you'].includes(refusal.code);
  const request = repeatable ? await flow.context.store.get(refusal.requestId) : undefined;
  if (request && approvedThisRound(request, turn.actor)) {
    turn.logger.info({ requestId: request.id, state: request.state, actor: turn.actor.aadObjectId }, 'responded to a repeated approval with the current card');
    return cardResponse(flow.card(request));
  }
  return answerRefusal(flow, turn, refusal);
}

function approvedThisRound(request: ChangeRequest, actor: Actor): boolean {
  const round = request.approvalRound ?? 1;
  const approvals = request.state === 'pending-approval' ? countedApprovals(request) : request.approvals.filter((approval) => (approval.round ?? 1) === round);
  return approvals.some((approval) => approval.approver.aadObjectId.toLowerCase() === actor.aadObjectId.toLowerCase());
}

/** Returns a `stale_plan` refusal for a Reject click on a card of an older plan or round, as for Approve. */
async function staleDecision(flow: SetupFlow, click: { requestId: string; planHash: string; round: number }): Promise<Refusal | undefined> {
  const request = await flow.context.store.get(click.requestId);
  if (!request || request.state !== 'pending-approval') return undefined;
  if (request.plan.hash === click.planHash && (request.approvalRound ?? 1) === click.round) return undefined;
  return refuse(request, 'stale_plan', `The card shows an older plan of ${request.id}; reject from the current card.`);
}
