import { CardFactory, MessageFactory } from 'botbuilder';
import { buildRequestsListCard } from '../../cards/index.js';
import type { CommandOf } from '../../commands/index.js';
import { cancel } from '../../requests/index.js';
import type { Actor, ChangeRequest } from '../../requests/types.js';
import { plainTextMessage } from '../bot-messages.js';
import type { CommandHandler } from '../command-router.js';
import { describeRefusal } from './refusal-messages.js';
import { profileOf } from './request-card.js';
import type { SetupFlow } from './setup-flow.js';

/** Requests one `requests` card lists at most. */
const LISTED_REQUESTS = 25;

/** `requests`: the tenant's open and recent requests, newest first. */
export function createRequestsHandler(flow: SetupFlow): CommandHandler<CommandOf<'requests'>> {
  return async ({ context, logger }) => {
    const { store, tenantId, now } = flow.context;
    const requests = await store.list({ tenantId, limit: LISTED_REQUESTS });
    const card = buildRequestsListCard({
      requests: requests.map((request) => ({
        id: request.id,
        kind: request.kind,
        state: request.state,
        requester: request.requester,
        appName: profileOf(request).displayName,
        createdAt: request.createdAt,
      })),
      now: now().toISOString(),
    });
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    logger.info({ count: requests.length }, 'listed change requests');
  };
}

/** `cancel CR-…`: the requester or an approver cancels a request that is not running. */
export function createCancelCommandHandler(flow: SetupFlow): CommandHandler<CommandOf<'cancel'>> {
  return async ({ command, context, actor, logger }) => {
    const isApprover = await flow.context.policy.isApprover(actor);
    const result = await flow.context.store.update(command.requestId, (current) => cancel(current, actor, { isApprover }, flow.context.now()));
    if (!result.ok) {
      logger.warn({ requestId: command.requestId, code: result.refusal.code, actor: actor.aadObjectId }, 'rejected a cancel command');
      await context.sendActivity(plainTextMessage(describeRefusal(result.refusal)));
      return;
    }

    flow.cards.schedule(command.requestId);
    logger.info({ requestId: command.requestId, state: result.request.state }, 'cancelled a change request');
    await context.sendActivity(`Cancelled ${command.requestId}. Its card now says so.`);
  };
}

/**
 * Finds the newest succeeded request of the app in the actor's tenant that
 * matches `accept`: the source of the `certificate` and `checklist` commands.
 */
export async function latestSucceeded(
  flow: SetupFlow,
  appProfileId: string,
  actor: Actor,
  accept: (request: ChangeRequest) => boolean,
): Promise<ChangeRequest | undefined> {
  if (actor.tenantId?.toLowerCase() !== flow.context.tenantId.toLowerCase()) return undefined;
  const succeeded = await flow.context.store.list({ tenantId: flow.context.tenantId, states: ['succeeded'], limit: 50 });
  return succeeded.find((request) => request.appProfileId === appProfileId && accept(request));
}
