import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { isDirectoryError } from '../../directory/index.js';
import { isRefusal, submit, updateChoices } from '../../requests/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { getProfile, goToMeetingProfile, type Plan } from '../../sso/index.js';
import { prepareCreateTestUser, UserRequestError } from '../../sso/users/index.js';
import type { CardActionTurn } from '../command-router.js';
import { answerMalformed, answerRefusal } from '../flow/click-answers.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { cardResponse, noticeCardResponse } from '../invoke-responses.js';
import { planResolvedUsers } from './users-commands.js';
import { buildUserRequestCard, firstPendingChoice, type UserChangeKind } from './users-request-card.js';
import { pendingUsersSchema } from './users-resolution.js';

type UserRequest = ChangeRequest & { kind: UserChangeKind };

/** Reads the tenant again and re-plans a user request from its stored parameters, so approvers see the current plan. */
async function replan(flow: SetupFlow, request: UserRequest): Promise<{ plan: Plan; leftOut?: string }> {
  const profile = getProfile(request.appProfileId) ?? goToMeetingProfile;
  if (request.kind === 'create-test-user') {
    const name = String(request.parameters.testUserName ?? '');
    return { plan: (await prepareCreateTestUser(flow.context.gateway, profile, name, flow.context.now)).plan };
  }
  const { users } = pendingUsersSchema.pick({ users: true }).parse(request.parameters);
  return planResolvedUsers(flow, request.kind, profile, users);
}

function answerCard(flow: SetupFlow, request: ChangeRequest, notice?: string): AdaptiveCardInvokeResponse {
  return cardResponse(buildUserRequestCard(request as UserRequest, flow.extras(request.id, notice)));
}

/** Responds to a click that changed nothing with the card and the reason. */
function answerUnchanged(flow: SetupFlow, request: ChangeRequest, notice: string): AdaptiveCardInvokeResponse {
  return noticeCardResponse(buildUserRequestCard(request as UserRequest, flow.extras(request.id, notice)), notice);
}

/**
 * "Submit for approval" on a user request card: re-plans from the stored
 * users (or test user name), binds the new plan and hash to the request and
 * submits it. A plan without changes stays a draft with a notice.
 */
export async function submitUserRequest(flow: SetupFlow, turn: CardActionTurn, request: UserRequest): Promise<AdaptiveCardInvokeResponse> {
  const { store, rules, now } = flow.context;
  const precheck = submit(request, turn.actor, rules, now());
  if (isRefusal(precheck)) return answerRefusal(flow, turn, precheck);
  if (request.state === 'pending-approval') return answerCard(flow, request);
  if (firstPendingChoice(request) !== undefined) return answerUnchanged(flow, request, 'Pick a user first.');

  let planned;
  try {
    planned = await replan(flow, request);
  } catch (error) {
    if (!isDirectoryError(error) && !(error instanceof UserRequestError)) throw error;
    turn.logger.error({ err: error, requestId: request.id }, 'failed to re-plan a user request on submit');
    const reason = error instanceof UserRequestError ? error.message : `I could not read the tenant to re-plan (${error.code}), so nothing changed. Try again in a minute.`;
    return answerUnchanged(flow, request, reason);
  }

  const result = await store.update(request.id, (current) => {
    const updated = updateChoices(current, turn.actor, { parameters: current.parameters, plan: planned.plan }, now());
    if (isRefusal(updated) || planned.plan.noChanges) return updated;
    return submit(updated, turn.actor, rules, now());
  });
  if (!result.ok) return answerRefusal(flow, turn, result.refusal);

  turn.logger.info({ requestId: request.id, state: result.request.state, planHash: result.request.plan.hash, actor: turn.actor.aadObjectId }, 'submitted a user request');
  if (result.changed) flow.cards.schedule(request.id);
  const notice = planned.plan.noChanges ? `Nothing to change any more. ${planned.leftOut ?? ''}`.trim() : planned.leftOut;
  return answerCard(flow, result.request, notice);
}
