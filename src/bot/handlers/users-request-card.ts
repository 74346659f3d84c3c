import {
  buildNoMatchCard,
  buildUserAssignmentCard,
  buildUserChoiceCard,
  escapeMarkdown,
  type AdaptiveCardJson,
  type UserAssignmentView,
  type UserCandidateView,
  type UserView,
} from '../../cards/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { getProfile, goToMeetingProfile, placeholders, type ChangeKind } from '../../sso/index.js';
import { requestProgressView, type RequestCardExtras } from '../flow/request-card.js';
import { pendingUsersSchema, type PendingChoice } from './users-resolution.js';

export type UserChangeKind = Extract<ChangeKind, 'assign-user' | 'unassign-user' | 'create-test-user'>;

const userKinds: readonly string[] = ['assign-user', 'unassign-user', 'create-test-user'];

/** True for the change kinds whose card lists users: assign, unassign and create test user. */
export function isUserKind(kind: string): kind is UserChangeKind {
  return userKinds.includes(kind);
}

function plannedUsers(request: ChangeRequest): UserView[] {
  const users = Array.isArray(request.plan.choices.users) ? (request.plan.choices.users as Array<Record<string, unknown>>) : [];
  return users.map((user) => ({
    displayName: String(user.displayName ?? ''),
    userPrincipalName: String(user.userPrincipalName ?? ''),
    ...(typeof user.jobTitle === 'string' ? { jobTitle: user.jobTitle } : {}),
    ...(typeof user.stepId === 'string' ? { stepId: user.stepId } : {}),
  }));
}

/** Returns true when a test-user plan assigns a user that exists instead of creating one. */
function plansExistingUser(request: ChangeRequest): boolean {
  const users = Array.isArray(request.plan.choices.users) ? (request.plan.choices.users as Array<Record<string, unknown>>) : [];
  const id = users[0]?.id;
  return typeof id === 'string' && id !== placeholders.testUserId;
}

/** Maps a stored user request onto the user-assignment card's view. */
export function userRequestView(request: ChangeRequest & { kind: UserChangeKind }, extras: RequestCardExtras): UserAssignmentView {
  const profile = getProfile(request.appProfileId) ?? goToMeetingProfile;
  return {
    kind: request.kind,
    appName: profile.displayName,
    roleName: typeof request.plan.choices.roleName === 'string' ? request.plan.choices.roleName : profile.userRoleName,
    users: plannedUsers(request),
    ...(request.kind === 'create-test-user' && plansExistingUser(request) ? { existingUser: true } : {}),
    ...requestProgressView(request, extras, extras.notice),
    ...(request.result?.passwordDelivery ? { passwordDelivery: request.result.passwordDelivery } : {}),
  };
}

/** Returns the first name still waiting for the requester's pick, while the request is a draft. */
export function firstPendingChoice(request: ChangeRequest): PendingChoice | undefined {
  if (request.state !== 'draft') return undefined;
  const parsed = pendingUsersSchema.safeParse(request.parameters);
  return parsed.success ? parsed.data.pending[0] : undefined;
}

function markAccess(choice: PendingChoice): UserCandidateView[] {
  return choice.candidates.map((candidate) => {
    const access = choice.withAccess?.find((entry) => entry.id === candidate.id);
    return access === undefined ? candidate : { ...candidate, access: access.since ? { since: access.since } : {} };
  });
}

/** Builds the card on which the requester picks a user, or creates a test user, with an optional notice on top. */
export function buildPendingChoiceCard(request: ChangeRequest, choice: PendingChoice, notice?: string): AdaptiveCardJson {
  const appName = (getProfile(request.appProfileId) ?? goToMeetingProfile).displayName;
  const candidates = markAccess(choice);
  const card = choice.kind === 'ambiguous'
    ? buildUserChoiceCard({ requestId: request.id, query: choice.query, appName, candidates, action: request.kind === 'unassign-user' ? 'unassign' : 'assign' })
    : buildNoMatchCard({ requestId: request.id, query: choice.query, appName, closeMatches: candidates, offerTestUser: choice.testUserName !== undefined });
  if (notice === undefined) return card;

  // The pick card's template has no notice line, so a rejected click's reason goes first in the body.
  const body = Array.isArray(card.body) ? card.body : [];
  return { ...card, body: [{ type: 'TextBlock', text: escapeMarkdown(notice), color: 'Attention', wrap: true }, ...body] };
}

/**
 * Builds the card of an assign, unassign or create-test-user request in its
 * current state: the pick card while a name still needs a pick, else the
 * user-assignment card.
 */
export function buildUserRequestCard(request: ChangeRequest & { kind: UserChangeKind }, extras: RequestCardExtras): AdaptiveCardJson {
  const pending = firstPendingChoice(request);
  if (pending !== undefined) return buildPendingChoiceCard(request, pending, extras.notice);
  return buildUserAssignmentCard(userRequestView(request, extras));
}
