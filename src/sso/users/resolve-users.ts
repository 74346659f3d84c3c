import type { User } from '@microsoft/microsoft-graph-types';
import { isDirectoryError, type DirectoryGateway } from '../../directory/index.js';
import { toResolvedUser, type ResolvedUser, type UserReference, type UserResolution } from './resolved-user.js';
import { isTestUserStyleName } from './test-user-name.js';

/** The maximum number of close matches in one "no match" result. */
export const MAX_CLOSE_MATCHES = 15;

// Entra object ids are GUIDs. A mention's aadObjectId is whatever the chat
// client sent, and `getUser` also accepts a UPN, so only a GUID may reach it.
// The last group may have 13 digits because the Microsoft 365 Agents
// Playground 0.2.28 gives its mock users such ids.
const objectIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

export interface ResolveUsersOptions {
  /**
   * Returns the Entra object id of a conversation member by Teams user id
   * (`29:…`), for mentions that carry no `aadObjectId`. The bot supplies it
   * from the Teams roster; without it such mentions stay unresolved.
   */
  conversationMembers?: (teamsUserId: string) => Promise<string | undefined>;
  /** Called when `$search` fails and close matches fall back to `startswith` alone. */
  onSearchUnavailable?: (error: unknown) => void;
}

function resolvedAll(users: User[]): ResolvedUser[] {
  const unique = new Map<string, ResolvedUser>();
  for (const user of users) {
    const resolved = toResolvedUser(user);
    if (resolved !== undefined) unique.set(resolved.id, resolved);
  }
  return [...unique.values()];
}

async function getUserOrUndefined(gateway: DirectoryGateway, key: string): Promise<User | undefined> {
  try {
    return await gateway.getUser(key);
  } catch (error) {
    if (isDirectoryError(error, 'not_found')) return undefined;
    throw error;
  }
}

function fromMatches(ref: UserReference, users: ResolvedUser[]): UserResolution | undefined {
  if (users.length === 1) return { status: 'matched', ref, user: users[0]! };
  if (users.length > 1) return { status: 'ambiguous', ref, candidates: users };
  return undefined;
}

async function closeMatchesFor(gateway: DirectoryGateway, text: string, options: ResolveUsersOptions): Promise<ResolvedUser[]> {
  const firstToken = text.trim().split(/\s+/)[0] ?? '';
  const prefixed = firstToken === '' ? [] : await gateway.findUsers({ startsWith: firstToken });

  let searched: User[] = [];
  try {
    searched = await gateway.searchUsers(text);
  } catch (error) {
    // `$search` needs advanced query support; without it the prefix matches stand alone.
    if (!isDirectoryError(error, 'invalid_request') && !isDirectoryError(error, 'forbidden')) throw error;
    options.onSearchUnavailable?.(error);
  }
  return resolvedAll([...prefixed, ...searched]).slice(0, MAX_CLOSE_MATCHES);
}

async function resolveMention(gateway: DirectoryGateway, ref: Extract<UserReference, { kind: 'mention' }>, options: ResolveUsersOptions): Promise<UserResolution> {
  // The mention's display text is never used: anyone can type a name.
  const objectId = ref.aadObjectId ?? (await options.conversationMembers?.(ref.teamsUserId));
  if (!objectId) {
    return { status: 'unresolved', ref, reason: `The mention of ${ref.name} carries no Microsoft Entra object id, and the conversation's member list did not supply one.` };
  }
  if (!objectIdPattern.test(objectId)) {
    return { status: 'unresolved', ref, reason: `The mention of ${ref.name} carries an invalid Microsoft Entra object id (not a GUID).` };
  }
  const user = await getUserOrUndefined(gateway, objectId);
  const resolved = user === undefined ? undefined : toResolvedUser(user);
  return resolved === undefined ? { status: 'not-found', ref, closeMatches: [] } : { status: 'matched', ref, user: resolved };
}

async function resolveAddress(gateway: DirectoryGateway, ref: Extract<UserReference, { kind: 'upn' | 'mail' }>, options: ResolveUsersOptions): Promise<UserResolution> {
  const address = ref.value.trim();
  const byPrincipalName = async () => {
    const user = await getUserOrUndefined(gateway, address);
    return user === undefined ? [] : resolvedAll([user]);
  };
  const byMail = async () => resolvedAll(await gateway.findUsers({ mail: address }));

  // Text that looks like an address may be a UPN or a mail address; try the likelier one first.
  const lookups = ref.kind === 'mail' ? [byMail, byPrincipalName] : [byPrincipalName, byMail];
  for (const lookup of lookups) {
    const resolution = fromMatches(ref, await lookup());
    if (resolution !== undefined) return resolution;
  }

  const localPart = address.split('@')[0] ?? address;
  return { status: 'not-found', ref, closeMatches: await closeMatchesFor(gateway, localPart, options) };
}

function nameWords(text: string): string[] {
  return text.toLocaleLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter((word) => word !== '');
}

/** True when every word of `text` is a whole word of the user's display name: "Simon" names "Britta Simon" and "B.Simon". */
function namesUser(text: string, user: ResolvedUser): boolean {
  const words = new Set(nameWords(user.displayName));
  const typed = nameWords(text);
  return typed.length > 0 && typed.every((word) => words.has(word));
}

async function resolveName(gateway: DirectoryGateway, ref: Extract<UserReference, { kind: 'name' }>, options: ResolveUsersOptions): Promise<UserResolution> {
  const name = ref.value.trim();
  const exact = fromMatches(ref, resolvedAll(await gateway.findUsers({ displayName: name })));
  if (exact !== undefined) return exact;

  const closeMatches = await closeMatchesFor(gateway, name, options);
  // A part of a name ("Simon") matches every user with that word in their
  // display name. They are offered as a choice, even when there is only one.
  const partMatches = closeMatches.filter((user) => namesUser(name, user));
  if (partMatches.length > 0) return { status: 'ambiguous', ref, candidates: partMatches };
  return {
    status: 'not-found',
    ref,
    closeMatches,
    ...(isTestUserStyleName(name) ? { createTestUserOffer: { name } } : {}),
  };
}

function resolveOne(gateway: DirectoryGateway, ref: UserReference, options: ResolveUsersOptions): Promise<UserResolution> {
  switch (ref.kind) {
    case 'mention':
      return resolveMention(gateway, ref, options);
    case 'upn':
    case 'mail':
      return resolveAddress(gateway, ref, options);
    case 'name':
      return resolveName(gateway, ref, options);
  }
}

/**
 * Looks up every reference in the directory, in parallel, and returns one
 * resolution per reference in the same order. Directory failures other than
 * "not found" (forbidden, throttled) are thrown, because a partial result
 * would hide a user.
 */
export function resolveUsers(gateway: DirectoryGateway, refs: UserReference[], options: ResolveUsersOptions = {}): Promise<UserResolution[]> {
  return Promise.all(refs.map((ref) => resolveOne(gateway, ref, options)));
}
