import { parseRequestId } from '../../requests/index.js';
import { conversationIdOf } from '../../requests/request-index.js';
import type { CardActionHandler } from '../command-router.js';
import { messageResponse } from '../invoke-responses.js';
import type { SetupFlow } from './setup-flow.js';

/**
 * Runs a card verb only when the click comes from the conversation the named
 * request was made in. A request's card is posted there alone, so a click
 * from elsewhere is forged: it gets a sentence, never the request's card,
 * and changes nothing. Clicks naming no stored request go to the handler,
 * which reports them as before.
 */
export function withRequestConversation(flow: SetupFlow, handler: CardActionHandler): CardActionHandler {
  return async (turn) => {
    const requestId = typeof turn.data.requestId === 'string' ? parseRequestId(turn.data.requestId) : undefined;
    const request = requestId ? await flow.context.store.get(requestId) : undefined;
    if (!request) return handler(turn);

    const stored = threadOf(conversationIdOf(request));
    const clicked = threadOf(turn.context.activity.conversation?.id);
    if (stored !== undefined && stored === clicked) return handler(turn);

    turn.logger.warn({ requestId: request.id, actor: turn.actor.aadObjectId }, 'rejected a card click from another conversation than the request');
    return messageResponse(`Change request ${request.id} belongs to another conversation; use its card there.`);
  };
}

/** A channel reply's conversation id ends in `;messageid=...`; the channel itself is the part before. */
function threadOf(conversationId: string | undefined): string | undefined {
  if (!conversationId) return undefined;
  return conversationId.split(';')[0]!.toLowerCase();
}
