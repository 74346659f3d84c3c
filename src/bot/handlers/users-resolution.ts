import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../logging/index.js';
import { describeReference, type ResolvedUser, type UserResolution } from '../../sso/users/index.js';

/** A name that still needs the requester's pick: several matches, or none with close matches. */
export interface PendingChoice {
  query: string;
  kind: 'ambiguous' | 'not-found';
  candidates: ResolvedUser[];
  /** The name to offer as a new test user, for names like `B.Simon`. */
  testUserName?: string;
  /** Candidates who already have the app's user role, with the assignment's creation time when Graph gave one. */
  withAccess?: Array<{ id: string; since?: string }>;
}

export interface ResolutionSummary {
  matched: ResolvedUser[];
  pending: PendingChoice[];
  /** Sentences about mentions that could not be resolved. */
  problems: string[];
}

/** Sorts resolutions into users ready to plan, names that need a pick, and problems to report. */
export function summarizeResolutions(resolutions: UserResolution[], options: { offerTestUser: boolean }): ResolutionSummary {
  const summary: ResolutionSummary = { matched: [], pending: [], problems: [] };
  for (const resolution of resolutions) {
    const query = describeReference(resolution.ref);
    switch (resolution.status) {
      case 'matched':
        summary.matched.push(resolution.user);
        break;
      case 'ambiguous':
        summary.pending.push({ query, kind: 'ambiguous', candidates: resolution.candidates });
        break;
      case 'not-found': {
        const offer = options.offerTestUser ? resolution.createTestUserOffer?.name : undefined;
        summary.pending.push({ query, kind: 'not-found', candidates: resolution.closeMatches, ...(offer ? { testUserName: offer } : {}) });
        break;
      }
      case 'unresolved':
        summary.problems.push(resolution.reason);
        break;
    }
  }
  return summary;
}

const resolvedUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  jobTitle: z.string().optional(),
  mail: z.string().optional(),
  userType: z.string().optional(),
});

/** The parameters of a user request while it waits for picks, as stored on the draft. */
export const pendingUsersSchema = z.object({
  users: z.array(resolvedUserSchema),
  pending: z.array(z.object({
    query: z.string(),
    kind: z.enum(['ambiguous', 'not-found']),
    candidates: z.array(resolvedUserSchema),
    testUserName: z.string().optional(),
    withAccess: z.array(z.object({ id: z.string(), since: z.string().optional() })).optional(),
  })),
});

export type PendingUsers = z.infer<typeof pendingUsersSchema>;

/**
 * Returns a lookup from Teams user id to Entra object id through the
 * conversation's roster, for mentions without `aadObjectId`. A member that
 * Teams does not know resolves to `undefined`.
 */
export function conversationMembers(context: TurnContext, logger: Logger): (teamsUserId: string) => Promise<string | undefined> {
  return async (teamsUserId) => {
    try {
      const member = await TeamsInfo.getMember(context, teamsUserId);
      return member.aadObjectId ?? undefined;
    } catch (error) {
      logger.warn({ err: error, teamsUserId }, 'could not read a mentioned member from the conversation roster');
      return undefined;
    }
  };
}
