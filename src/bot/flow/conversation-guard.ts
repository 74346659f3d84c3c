import { parseRequestId } from '../../requests/index.js';
import { conversationIdOf } from '../../requests/request-index.js';
import type { ChangeRequest } from '../../requests/types.js';
import type { CardActionHandler } from '../command-router.js';
import { messageResponse } from '../invoke-responses.js';
import type { SetupFlow } from './setup-flow.js';

/**
 * Runs the handler only for clicks from the conversation of the named request.
 * Its request card is posted only there, so a click from another conversation
 * is forged and gets a message without the request's card. Clicks that name no
 * stored request go to the handler, which reports them.
 */
export function withRequestConversation(flow: SetupFlow, handler: CardActionHandler): CardActionHandler {
  return async (turn) => {
    const requestId = typeof turn.data.requestId === 'string' ? parseRequestId(turn.data.requestId) : undefined;
    const request = requestId ? await flow.context.store.get(requestId) : undefined;
    if (!request) return handler(turn);

    if (isRequestConversation(request, turn.context.activity.conversation?.id)) return handler(turn);

    turn.logger.warn({ requestId: request.id, actor: turn.actor.aadObjectId }, 'rejected a card click from another conversation than the request was made in');
    return messageResponse(`Change request ${request.id} belongs to another conversation. Use its card in that conversation.`);
  };
}

/** Returns true when `conversationId` is the conversation the request was made in. */
export function isRequestConversation(request: ChangeRequest, conversationId: string | undefined): boolean {
  const stored = baseConversationId(conversationIdOf(request));
  return stored !== undefined && stored === baseConversationId(conversationId);
}

/** Returns the conversation id without the `;messageid=...` suffix that a channel reply carries. */
function baseConversationId(conversationId: string | undefined): string | undefined {
  if (!conversationId) return undefined;
  return conversationId.split(';')[0]!.toLowerCase();
}
