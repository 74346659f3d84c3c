import { isDirectoryError } from '../../directory/index.js';
import { isRefusal, submit, updateChoices } from '../../requests/index.js';
import { SetupError } from '../../sso/index.js';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { ChangeRequest } from '../../requests/types.js';
import type { CardActionHandler, CardActionTurn } from '../command-router.js';
import { answerMalformed, answerRefusal, applyClick } from './click-answers.js';
import { parseClick, requestClickSchema, submitClickSchema } from './click-data.js';
import { profileOf } from './request-card.js';
import type { SetupFlow } from './setup-flow.js';
import { cardResponse, noticeCardResponse } from '../invoke-responses.js';

/**
 * "Submit for approval": the click carries the card's inputs (RelayState and
 * the test-user toggle), so the bot reads the tenant again, re-plans with
 * them and submits the new plan. The card then shows the plan and hash that
 * approvers approve.
 */
export function createSubmitHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const selected = parseClick(requestClickSchema, turn.data);
    if (!selected.ok) return answerMalformed(flow, turn, selected.problem, selected.requestId);
    const request = await flow.context.store.get(selected.value.requestId);
    if (!request) return answerMalformed(flow, turn, 'requestId: no such request', undefined);

    const kindHandlers = flow.kindHandlers(request);
    if (kindHandlers?.submit) return kindHandlers.submit(turn, request);
    return submitSetup(flow, turn, request);
  };
}

async function submitSetup(flow: SetupFlow, turn: CardActionTurn, request: ChangeRequest): Promise<AdaptiveCardInvokeResponse> {
  const parsed = parseClick(submitClickSchema, turn.data);
  if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

  const { store, rules, now } = flow.context;
  const { requestId, relayState } = parsed.value;
  const createTestUser = parsed.value.createTestUser === 'true';

  // Check who may submit before reading the tenant, so a refused click costs no Graph calls.
  const precheck = submit(request, turn.actor, rules, now());
  if (isRefusal(precheck)) return answerRefusal(flow, turn, precheck);
  if (request.state === 'pending-approval') return cardResponse(flow.card(request));

  const profile = profileOf(request);
  if (!profile.relayStates.some((choice) => choice.url === relayState)) {
    return answerMalformed(flow, turn, 'relayState: not one of the offered choices', requestId);
  }

  let planned;
  try {
    planned = await flow.planner.plan(profile, { relayState, createTestUser });
  } catch (error) {
    if (!isDirectoryError(error) && !(error instanceof SetupError)) throw error;
    turn.logger.error({ err: error, requestId }, 'failed to re-plan a request on submit');
    const notice = `I could not read the tenant to re-plan (${error.code}), so nothing changed. Try again in a minute.`;
    return noticeCardResponse(flow.card(request, notice), notice);
  }

  const parameters = { ...request.parameters, relayState, createTestUser, existingInstance: planned.existingInstance };
  return applyClick(flow, turn, requestId, (current) => {
    const updated = updateChoices(current, turn.actor, { parameters, plan: planned.plan }, now());
    // A plan without changes stays a draft, and its card states that there is nothing to approve.
    if (isRefusal(updated) || planned.plan.noChanges) return updated;
    const kind = planned.existingInstance ? 'repair' : 'setup-sso';
    return submit({ ...updated, kind }, turn.actor, rules, now());
  });
}
