// Storage keys of change requests and of the index documents that let the
// store list requests without reading every request. An index document is a
// key whose name carries the sort order. Because `listKeys` returns keys in
// ascending order, the inverted creation time puts the newest first.
import { createHash } from 'node:crypto';
import { isTerminal } from './transition-support.js';
import type { ChangeRequest, NewChangeRequest } from './types.js';

const REQUEST_PREFIX = 'request/';
const RECENT_PREFIX = 'request-recent/';
const OPEN_PREFIX = 'request-open/';
const CONVERSATION_PREFIX = 'request-conversation/';
const ACTIVE_PREFIX = 'request-active/';
const EXPIRY_PREFIX = 'request-expiry/';
const CHECKLIST_PREFIX = 'checklist/';

/** Larger than any epoch millisecond count until the year 2286, and 13 digits wide. */
const TIME_CEILING = 9_999_999_999_999;

export function requestKey(id: string): string {
  return REQUEST_PREFIX + id;
}

export function checklistKey(requestId: string): string {
  return CHECKLIST_PREFIX + requestId;
}

/** Request id from the last segment of an index key. */
export function idFromIndexKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

export function recentPrefix(tenantId: string): string {
  return `${RECENT_PREFIX}${keySegment(tenantId)}/`;
}

export function openPrefix(tenantId: string): string {
  return `${OPEN_PREFIX}${keySegment(tenantId)}/`;
}

export function conversationPrefix(tenantId: string, conversationId: string): string {
  return `${CONVERSATION_PREFIX}${keySegment(tenantId)}/${keySegment(conversationId)}/`;
}

export const activePrefix = ACTIVE_PREFIX;
export const expiryPrefix = EXPIRY_PREFIX;

/** Expiry time in epoch milliseconds from an expiry index key. */
export function expiryFromIndexKey(key: string): number {
  return Number(key.slice(EXPIRY_PREFIX.length, EXPIRY_PREFIX.length + 13));
}

/** Returns the conversation id inside a stored botbuilder ConversationReference. */
export function conversationIdOf(request: Pick<NewChangeRequest, 'conversation'>): string | undefined {
  const conversation = request.conversation['conversation'];
  if (typeof conversation !== 'object' || conversation === null) return undefined;
  const id = (conversation as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Every index key that must exist for the request in its current state. */
export function indexKeysFor(request: ChangeRequest): string[] {
  const order = `${invertedTime(request.createdAt)}/${request.id}`;
  const keys = [recentPrefix(request.tenantId) + order];

  const conversationId = conversationIdOf(request);
  if (conversationId) keys.push(conversationPrefix(request.tenantId, conversationId) + order);
  if (!isTerminal(request.state)) keys.push(openPrefix(request.tenantId) + order);
  if (request.state === 'approved' || request.state === 'running') keys.push(ACTIVE_PREFIX + request.id);
  if (request.state === 'draft' || request.state === 'pending-approval') {
    keys.push(`${EXPIRY_PREFIX}${String(Date.parse(request.expiresAt)).padStart(13, '0')}/${request.id}`);
  }
  return keys;
}

function invertedTime(iso: string): string {
  return String(TIME_CEILING - Date.parse(iso)).padStart(13, '0');
}

/**
 * Makes a value usable inside a storage key. Entra tenant ids are GUIDs and
 * pass unchanged. Conversation ids contain `:`, `@` and `;`, so a value with
 * any character outside a safe set is replaced by a SHA-256 prefix of it.
 */
function keySegment(value: string): string {
  const lower = value.toLowerCase();
  if (/^[a-z0-9._-]{1,64}$/.test(lower)) return lower;
  return 'h' + createHash('sha256').update(value).digest('hex').slice(0, 32);
}
