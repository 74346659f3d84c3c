import type { CommandOf } from '../../commands/index.js';
import { isDirectoryError } from '../../directory/index.js';
import {
  prepareAssign,
  prepareCreateTestUser,
  prepareUnassign,
  readUsersWithAccess,
  MAX_USERS_PER_PLAN,
  resolveUsers,
  UserRequestError,
  type ResolvedUser,
} from '../../sso/users/index.js';
import type { AppProfile } from '../../sso/index.js';
import { plainTextMessage } from '../bot-messages.js';
import type { CommandHandler, CommandTurn } from '../command-router.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { profileFor } from './users-app.js';
import { postUserDraft, waitingPlan } from './users-drafts.js';
import { alreadyAssignedMessage, noMatchMessage, notAssignedMessage, problemsMessage } from './users-messages.js';
import { conversationMembers, summarizeResolutions, type PendingChoice } from './users-resolution.js';

type AssignmentKind = 'assign-user' | 'unassign-user';

/** Sends the sentence of a request that cannot be planned (an app not set up, a bad name) and logs it. */
export async function reportPlanningError(turn: CommandTurn, error: unknown): Promise<void> {
  if (!(error instanceof UserRequestError)) throw error;
  turn.logger.info({ code: error.code }, 'could not plan a user request');
  await turn.context.sendActivity(plainTextMessage(error.message));
}

/**
 * Reads the tenant and plans the request for users who are all resolved.
 * Returns the plan and a sentence about the users it leaves out (already
 * assigned, or not assigned for a removal), if any.
 */
export async function planResolvedUsers(flow: SetupFlow, kind: AssignmentKind, profile: AppProfile, users: ResolvedUser[]) {
  const { gateway, now } = flow.context;
  if (kind === 'assign-user') {
    const { plan, alreadyAssigned } = await prepareAssign(gateway, profile, users, now);
    return { plan, leftOut: alreadyAssigned.length > 0 ? alreadyAssignedMessage(profile, alreadyAssigned) : undefined };
  }
  const { plan, notAssigned } = await prepareUnassign(gateway, profile, users, now);
  return { plan, leftOut: notAssigned.length > 0 ? notAssignedMessage(profile, notAssigned) : undefined };
}

async function requestForResolved(flow: SetupFlow, turn: CommandTurn, kind: AssignmentKind, profile: AppProfile, users: ResolvedUser[]): Promise<void> {
  let planned;
  try {
    planned = await planResolvedUsers(flow, kind, profile, users);
  } catch (error) {
    return reportPlanningError(turn, error);
  }
  if (planned.leftOut) await turn.context.sendActivity(plainTextMessage(planned.leftOut));
  if (planned.plan.noChanges) return;
  await postUserDraft(flow, turn, { kind, profile, parameters: { users }, plan: planned.plan });
}

/** Marks, on each assign pick, the candidates who already have the app's user role, so the card can show it. */
async function markCandidatesWithAccess(flow: SetupFlow, profile: AppProfile, pending: PendingChoice[]): Promise<PendingChoice[]> {
  const ids = pending.flatMap((choice) => choice.candidates.map((candidate) => candidate.id));
  let access: Map<string, string>;
  try {
    access = await readUsersWithAccess(flow.context.gateway, profile, ids, flow.context.now);
  } catch (error) {
    if (!(error instanceof UserRequestError)) throw error;
    // Without the app or its role the pick card lists the candidates unmarked, and the pick reports the problem.
    flow.context.logger.info({ err: error, appProfileId: profile.id }, 'could not read who has the app, so the pick card marks no candidate');
    return pending;
  }
  return pending.map((choice) => {
    const withAccess = choice.candidates.flatMap((candidate) => {
      const since = access.get(candidate.id);
      if (since === undefined) return [];
      return [{ id: candidate.id, ...(since ? { since } : {}) }];
    });
    return withAccess.length > 0 ? { ...choice, withAccess } : choice;
  });
}

/**
 * Handles `assign <users> [to <app>]` and `unassign <users> [from <app>]`:
 * resolves every person, then either posts the request card, or a pick card
 * for the first name with several or no exact matches. Nothing is requested
 * until every name is resolved.
 */
export function createAssignmentHandler(flow: SetupFlow, kind: AssignmentKind): CommandHandler<CommandOf<'assign'> | CommandOf<'unassign'>> {
  return async (turn) => {
    const { command, context, logger } = turn;
    const profile = profileFor(command.app);
    // The count is checked before the lookups, because each name costs Graph requests and all are sent at once.
    if (command.users.length > MAX_USERS_PER_PLAN) {
      logger.info({ users: command.users.length }, 'rejected a user request naming too many users');
      await context.sendActivity(plainTextMessage(tooManyUsersMessage(command.users.length)));
      return;
    }
    const resolutions = await resolveUsers(flow.context.gateway, command.users, {
      conversationMembers: conversationMembers(context, logger),
      onSearchUnavailable: (error) => logger.warn({ err: error }, '$search failed, so close matches use startswith alone'),
    });
    const summary = summarizeResolutions(resolutions, { offerTestUser: kind === 'assign-user' });
    logger.info({ matched: summary.matched.length, pending: summary.pending.length, problems: summary.problems.length }, 'resolved the users of a request');

    if (summary.problems.length > 0) {
      await context.sendActivity(plainTextMessage(problemsMessage(summary.problems)));
      return;
    }
    const deadEnds = summary.pending.filter((choice: PendingChoice) => choice.candidates.length === 0 && choice.testUserName === undefined);
    if (deadEnds.length > 0) {
      await context.sendActivity(plainTextMessage(noMatchMessage(deadEnds)));
      return;
    }
    if (summary.pending.length === 0) {
      await requestForResolved(flow, turn, kind, profile, summary.matched);
      return;
    }
    const pending = kind === 'assign-user' ? await markCandidatesWithAccess(flow, profile, summary.pending) : summary.pending;
    await postUserDraft(flow, turn, { kind, profile, parameters: { users: summary.matched, pending }, plan: waitingPlan(kind, profile) });
  };
}

function tooManyUsersMessage(count: number): string {
  return `One request can name at most ${MAX_USERS_PER_PLAN} users, not ${count}. Split it into several requests.`;
}

/** Handles `create test user <name> [for <app>]`: plans the user in the default verified domain and its assignment. */
export function createTestUserCommandHandler(flow: SetupFlow): CommandHandler<CommandOf<'create-test-user'>> {
  return async (turn) => {
    const profile = profileFor(turn.command.app);
    let planned;
    try {
      planned = await prepareCreateTestUser(flow.context.gateway, profile, turn.command.name, flow.context.now);
    } catch (error) {
      if (isDirectoryError(error)) throw error;
      return reportPlanningError(turn, error);
    }
    if (planned.plan.noChanges) {
      await turn.context.sendActivity(plainTextMessage(`${planned.userPrincipalName} already exists and has access to ${profile.displayName}, so nothing was requested.`));
      return;
    }
    const parameters = { testUserName: turn.command.name };
    await postUserDraft(flow, turn, { kind: 'create-test-user', profile, parameters, plan: planned.plan });
  };
}
