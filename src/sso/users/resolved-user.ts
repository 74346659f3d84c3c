import type { User } from '@microsoft/microsoft-graph-types';

/**
 * A person named in a command. Structurally the same as the command parser's
 * `UserRef`, so the bot passes that in unchanged; the engine does not import
 * the parser.
 */
export type UserReference =
  | { kind: 'mention'; aadObjectId?: string; teamsUserId: string; name: string }
  | { kind: 'upn' | 'mail'; value: string }
  | { kind: 'name'; value: string };

/** A directory user as plans and cards need it; plain JSON. */
export interface ResolvedUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  jobTitle?: string;
  mail?: string;
  /** `Guest` for B2B guests (`#EXT#` UPNs). */
  userType?: string;
}

/** The outcome of looking up one reference. */
export type UserResolution =
  | { status: 'matched'; ref: UserReference; user: ResolvedUser }
  | {
      /** Several users have the display name, or have every typed word in it (one or more). */
      status: 'ambiguous';
      ref: UserReference;
      candidates: ResolvedUser[];
    }
  | {
      status: 'not-found';
      ref: UserReference;
      /** Users whose names start like the text, or that `$search` finds; possibly empty. */
      closeMatches: ResolvedUser[];
      /** Set when the text has the tutorial's test user form, such as `B.Simon`. */
      createTestUserOffer?: { name: string };
    }
  | {
      /** A mention whose Entra object id is missing, with no member lookup to supply it, or is not a GUID. */
      status: 'unresolved';
      ref: UserReference;
      reason: string;
    };

/** Copies the fields plans and cards use from a Graph user; `undefined` when it lacks an id or UPN. */
export function toResolvedUser(user: User): ResolvedUser | undefined {
  if (!user.id || !user.userPrincipalName) return undefined;
  return {
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName,
    userPrincipalName: user.userPrincipalName,
    ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
    ...(user.mail ? { mail: user.mail } : {}),
    ...(user.userType ? { userType: user.userType } : {}),
  };
}

/** Text that names the reference in messages: the typed value or the mention's name. */
export function describeReference(ref: UserReference): string {
  return ref.kind === 'mention' ? ref.name : ref.value;
}
