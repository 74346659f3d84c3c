import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { isRefusal, refuse, updateChoices, type Refusal } from '../../requests/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { getProfile, goToMeetingProfile } from '../../sso/index.js';
import { prepareCreateTestUser, UserRequestError } from '../../sso/users/index.js';
import type { CardActionHandler, CardActionTurn } from '../command-router.js';
import { answerMalformed, answerRefusal } from '../flow/click-answers.js';
import { parseClick, requestClickSchema } from '../flow/click-data.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { cardResponse, noticeCardResponse } from '../invoke-responses.js';
import { planResolvedUsers } from './users-commands.js';
import { alreadyAssignedMessage } from './users-messages.js';
import { buildPendingChoiceCard, buildUserRequestCard, firstPendingChoice, type UserChangeKind } from './users-request-card.js';
import { pendingUsersSchema, type PendingChoice, type PendingUsers } from './users-resolution.js';

const pickClickSchema = requestClickSchema.extend({ userId: z.string().min(1).max(64) });

type Mutation = (current: ChangeRequest) => ChangeRequest | Refusal;

function stalePick(request: ChangeRequest): Refusal {
  return refuse(request, 'stale_plan', `This pick card of ${request.id} is no longer current.`);
}

/** Re-checks, under compare-and-swap, that the stored draft still waits for the same pick. */
function samePending(current: ChangeRequest, clicked: PendingChoice): boolean {
  const pending = firstPendingChoice(current);
  return pending !== undefined && pending.query === clicked.query && pending.kind === clicked.kind;
}

async function applyDraftChange(flow: SetupFlow, turn: CardActionTurn, requestId: string, mutate: Mutation, notice?: string): Promise<AdaptiveCardInvokeResponse> {
  const result = await flow.context.store.update(requestId, mutate);
  if (!result.ok) return answerRefusal(flow, turn, result.refusal);

  turn.logger.info({ requestId, kind: result.request.kind, state: result.request.state, actor: turn.actor.aadObjectId }, 'applied a user pick');
  if (result.changed) flow.cards.schedule(requestId);
  return cardResponse(buildUserRequestCard(result.request as ChangeRequest & { kind: UserChangeKind }, flow.extras(requestId, notice)));
}

/** Loads the draft a pick card belongs to, with its stored pending names. The card's own data is never trusted for them. */
async function loadPickDraft(flow: SetupFlow, turn: CardActionTurn, requestId: string) {
  const request = await flow.context.store.get(requestId);
  if (!request || (request.kind !== 'assign-user' && request.kind !== 'unassign-user')) return { answer: await answerMalformed(flow, turn, 'requestId: not a user request', undefined) };
  const choice = firstPendingChoice(request);
  if (choice === undefined) return { answer: await answerRefusal(flow, turn, stalePick(request)) };
  const pending: PendingUsers = pendingUsersSchema.parse(request.parameters);
  return { request: request as ChangeRequest & { kind: 'assign-user' | 'unassign-user' }, choice, pending };
}

async function completeDraft(flow: SetupFlow, turn: CardActionTurn, request: ChangeRequest & { kind: 'assign-user' | 'unassign-user' }, choice: PendingChoice, users: PendingUsers['users']) {
  const { now } = flow.context;
  const profile = getProfile(request.appProfileId) ?? goToMeetingProfile;
  let planned;
  try {
    planned = await planResolvedUsers(flow, request.kind, profile, users);
  } catch (error) {
    if (!(error instanceof UserRequestError)) throw error;
    return respondWithUnchangedPick(turn, request, choice, error.message);
  }

  // The draft stays open with its pick card, so the card names nobody as having cancelled it.
  if (planned.plan.noChanges) return respondWithUnchangedPick(turn, request, choice, `${planned.leftOut ?? 'Nothing to change.'} Nothing was requested.`);

  const parameters = { users };
  return applyDraftChange(
    flow,
    turn,
    request.id,
    (current) => (samePending(current, choice) ? updateChoices(current, turn.actor, { parameters, plan: planned.plan }, now()) : stalePick(current)),
    planned.leftOut,
  );
}

/** Responds to a pick that requests nothing with the unchanged pick card and the reason on top. The draft stays open. */
function respondWithUnchangedPick(turn: CardActionTurn, request: ChangeRequest, choice: PendingChoice, notice: string): AdaptiveCardInvokeResponse {
  turn.logger.info({ requestId: request.id, actor: turn.actor.aadObjectId }, 'a user pick requested nothing');
  return cardResponse(buildPendingChoiceCard(request, choice, notice));
}

/**
 * "Request access for this user" on a pick card: adds the picked user,
 * checked against the candidates stored on the draft, then shows the next
 * pick or, when every name is resolved, plans the request and shows its card.
 */
export function createAssignPickHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const parsed = parseClick(pickClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const loaded = await loadPickDraft(flow, turn, parsed.value.requestId);
    if (loaded.answer) return loaded.answer;
    const { request, choice, pending } = loaded;
    const picked = choice.candidates.find((candidate) => candidate.id === parsed.value.userId);
    if (picked === undefined) return answerMalformed(flow, turn, 'userId: not one of the users offered', request.id);
    const access = request.kind === 'assign-user' ? choice.withAccess?.find((entry) => entry.id === picked.id) : undefined;
    if (access !== undefined) {
      const profile = getProfile(request.appProfileId) ?? goToMeetingProfile;
      const notice = `${alreadyAssignedMessage(profile, [{ user: picked, ...(access.since ? { assignedAt: access.since } : {}) }])} Nothing was requested; pick someone else.`;
      return respondWithUnchangedPick(turn, request, choice, notice);
    }

    const users = [...pending.users.filter((user) => user.id !== picked.id), picked];
    const rest = pending.pending.slice(1);
    if (rest.length === 0) return completeDraft(flow, turn, request, choice, users);

    const parameters = { users, pending: rest };
    return applyDraftChange(flow, turn, request.id, (current) =>
      samePending(current, choice) ? updateChoices(current, turn.actor, { parameters, plan: current.plan }, flow.context.now()) : stalePick(current),
    );
  };
}

/**
 * "Create test user B.Simon" on a no-match card: turns the draft into a
 * create-test-user request for the name stored on the draft. Other people
 * named in the same command are left out and named in the notice.
 */
export function createTestUserOfferHandler(flow: SetupFlow): CardActionHandler {
  return async (turn) => {
    const parsed = parseClick(requestClickSchema, turn.data);
    if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

    const loaded = await loadPickDraft(flow, turn, parsed.value.requestId);
    if (loaded.answer) return loaded.answer;
    const { request, choice, pending } = loaded;
    const name = choice.testUserName;
    if (request.kind !== 'assign-user' || name === undefined) return answerMalformed(flow, turn, 'this card offers no test user', request.id);

    const profile = getProfile(request.appProfileId) ?? goToMeetingProfile;
    let planned;
    try {
      planned = await prepareCreateTestUser(flow.context.gateway, profile, name, flow.context.now);
    } catch (error) {
      if (!(error instanceof UserRequestError)) throw error;
      turn.logger.info({ err: error, requestId: request.id }, 'could not plan the offered test user');
      return noticeCardResponse(buildUserRequestCard(request, flow.extras(request.id, error.message)), error.message);
    }

    if (planned.plan.noChanges) {
      const notice = `${planned.userPrincipalName} already exists and has access to ${profile.displayName}.`;
      return noticeCardResponse(buildUserRequestCard(request, flow.extras(request.id, notice)), notice);
    }
    const others = [...pending.users.map((user) => user.displayName), ...pending.pending.slice(1).map((next) => next.query)];
    const notice = others.length > 0 ? `Only the test user is requested here; assign ${others.join(', ')} in a separate request.` : undefined;
    return applyDraftChange(flow, turn, request.id, (current) => {
      if (!samePending(current, choice)) return stalePick(current);
      const updated = updateChoices(current, turn.actor, { parameters: { testUserName: name }, plan: planned.plan }, flow.context.now());
      return isRefusal(updated) ? updated : { ...updated, kind: 'create-test-user' };
    }, notice);
  };
}
