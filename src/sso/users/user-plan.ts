import type { AppProfile } from '../profiles/index.js';
import { hashPlan } from '../plan-hash.js';
import type { Plan, PlanStep } from '../types.js';
import type { ResolvedUser } from './resolved-user.js';
import { UserRequestError } from './user-request-error.js';

/** The maximum number of users in one request, because every user gets a step and a row on the card. */
export const MAX_USERS_PER_PLAN = 20;

/** A user in `plan.choices.users`, with the step that acts on the user. */
export interface PlannedUser extends ResolvedUser {
  stepId: string;
}

/** Removes repeated users and checks the count. */
export function uniqueUsers(users: ResolvedUser[]): ResolvedUser[] {
  const unique = [...new Map(users.map((user) => [user.id, user])).values()];
  if (unique.length === 0) throw new UserRequestError('no_users', 'The request names no user.');
  if (unique.length > MAX_USERS_PER_PLAN) {
    throw new UserRequestError('too_many_users', `One request can name at most ${MAX_USERS_PER_PLAN} users, not ${unique.length}; split it into several requests.`);
  }
  return unique;
}

export function userLabel(user: ResolvedUser): string {
  return `${user.displayName} (${user.userPrincipalName})`;
}

/** Completes a user plan with its summary and hash. */
export function finishUserPlan(kind: Plan['kind'], profile: AppProfile, choices: Record<string, unknown>, steps: PlanStep[], emptySummary: string): Plan {
  const plan = {
    kind,
    appProfileId: profile.id,
    choices,
    summary: steps.length === 0 ? [emptySummary] : steps.map((step) => step.title),
    steps,
    noChanges: steps.length === 0,
    // One step per user: a failure for one user must not stop the others.
    continueAfterFailure: true,
  };
  return { ...plan, hash: hashPlan(plan) };
}

