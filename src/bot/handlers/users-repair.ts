import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Logger } from '../../logging/index.js';
import { attachCard, createDraft, isRefusal } from '../../requests/index.js';
import type { Actor } from '../../requests/types.js';
import { getProfile, readTenantState, type AppProfile } from '../../sso/index.js';
import { planRepair } from '../../sso/status/index.js';
import { plainTextMessage } from '../bot-messages.js';
import type { CardActionHandler } from '../command-router.js';
import { describeRefusal } from '../flow/refusal-messages.js';
import { requestCardAttachment } from '../flow/request-card.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { messageResponse } from '../invoke-responses.js';
import { notSetUpMessage } from './users-app.js';

type Reference = ReturnType<typeof TurnContext.getConversationReference>;

async function openRepairRequest(flow: SetupFlow, profile: AppProfile, actor: Actor, reference: Reference, logger: Logger): Promise<void> {
  const { gateway, store, rules, now, tenantId, messenger } = flow.context;
  const tenant = await readTenantState(gateway, profile, { now });
  if (tenant.application === undefined) {
    await messenger.send(reference, notSetUpMessage(profile));
    return;
  }
  const plan = planRepair(profile, tenant);
  if (plan.noChanges) {
    await messenger.send(reference, `${profile.displayName} matches its profile again, so there is nothing to repair.`);
    return;
  }

  const parameters = { relayState: plan.choices.relayState, createTestUser: false, existingInstance: true };
  const conversation = reference as unknown as Record<string, unknown>;
  const draft = createDraft(actor, { kind: 'repair', tenantId, appProfileId: profile.id, parameters, conversation, plan }, rules, now());
  if (isRefusal(draft)) {
    logger.warn({ code: draft.code }, 'rejected a repair request');
    await messenger.send(reference, plainTextMessage(describeRefusal(draft)));
    return;
  }
  await flow.approvers.refresh();
  const request = await store.create(draft);
  const activityId = await messenger.send(reference, requestCardAttachment(request, flow.extras(request.id)));
  if (activityId) await store.update(request.id, (current) => attachCard(current, activityId, now()));
  logger.info({ requestId: request.id, planHash: plan.hash, steps: plan.steps.length, cardActivityId: activityId }, 'posted a repair request card');
}

/**
 * "Repair" on the status card: plans the repair from the tenant as it is now
 * (not from the card) and posts a repair request, which follows the same
 * approval rules as any change. The invoke response goes out before Graph is read.
 */
export function createRepairHandler(flow: SetupFlow): CardActionHandler {
  return async ({ data, context, actor, logger }): Promise<AdaptiveCardInvokeResponse> => {
    const profile = typeof data.appProfileId === 'string' ? getProfile(data.appProfileId) : undefined;
    if (profile === undefined) {
      logger.warn('rejected a repair click without a known app');
      return messageResponse('This Repair button names no known app, so nothing changed. Type "status" for a new status card.');
    }

    const reference = TurnContext.getConversationReference(context.activity);
    openRepairRequest(flow, profile, actor, reference, logger).catch((error: unknown) => {
      logger.error({ err: error, appProfileId: profile.id }, 'failed to open a repair request');
      flow.context.messenger
        .send(reference, 'I could not plan the repair, so nothing was requested. Try "status" again in a minute.')
        .catch((sendError: unknown) => logger.error({ err: sendError }, 'failed to say that the repair could not be planned'));
    });
    return messageResponse(`Planning the repair of ${profile.displayName}; the request card follows.`);
  };
}
