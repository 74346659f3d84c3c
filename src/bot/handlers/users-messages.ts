import type { AppProfile } from '../../sso/index.js';
import type { AlreadyAssigned, ResolvedUser } from '../../sso/users/index.js';
import type { PendingChoice } from './users-resolution.js';

function utcMinute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function label(user: ResolvedUser): string {
  return `${user.displayName} (${user.userPrincipalName})`;
}

/** Describes users who already have the role. Graph returns when an assignment was made but not who made it. */
export function alreadyAssignedMessage(profile: AppProfile, users: AlreadyAssigned[]): string {
  const lines = users.map(({ user, assignedAt }) =>
    assignedAt ? `${label(user)} has had access to ${profile.displayName} since ${utcMinute(assignedAt)}.` : `${label(user)} already has access to ${profile.displayName}.`,
  );
  return [...lines, 'Microsoft Graph records when an assignment was made, not who made it.'].join(' ');
}

export function notAssignedMessage(profile: AppProfile, users: ResolvedUser[]): string {
  return users.map((user) => `${label(user)} is not assigned to ${profile.displayName}, so there is nothing to remove.`).join(' ');
}

/** Describes names with no match and no close match; such a request is not made. */
export function noMatchMessage(choices: PendingChoice[]): string {
  const names = choices.map((choice) => `"${choice.query}"`).join(', ');
  return `No user matches ${names}, and no name is close, so nothing was requested. Check the spelling, or use the user's UPN or mail address.`;
}

export function problemsMessage(problems: string[]): string {
  return `${problems.join(' ')} Nothing was requested; mention the person again, or use their UPN.`;
}
