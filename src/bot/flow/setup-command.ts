import { MessageFactory, TurnContext } from 'botbuilder';
import { productNames, type CommandOf } from '../../commands/index.js';
import { attachCard, createDraft, isRefusal } from '../../requests/index.js';
import { getProfile, goToMeetingProfile, type AppProfile } from '../../sso/index.js';
import type { CommandHandler } from '../command-router.js';
import { describeRefusal } from './refusal-messages.js';
import { requestCardAttachment } from './request-card.js';
import type { SetupFlow } from './setup-flow.js';

/** Returns the RelayState to preselect for a product: the profile choice with the product's name, else the first. */
export function preselectedRelayState(profile: AppProfile, product: string | undefined): string {
  const name = product ? productNames[product as keyof typeof productNames] : undefined;
  const match = profile.relayStates.find((choice) => choice.label.toLowerCase() === name?.toLowerCase());
  return (match ?? profile.relayStates[0])?.url ?? '';
}

/**
 * Handles "set up GoToMeeting SSO": reads the tenant, plans the set-up (or
 * the repair of an existing instance), stores a draft and posts its card.
 */
export function createSetupCommandHandler(flow: SetupFlow): CommandHandler<CommandOf<'setup-sso'>> {
  return async ({ command, context, actor, logger }) => {
    const { store, now } = flow.context;
    const profile = getProfile(command.app.appKey) ?? goToMeetingProfile;
    const choices = { relayState: preselectedRelayState(profile, command.app.product), createTestUser: false };

    const [planned] = await Promise.all([flow.planner.plan(profile, choices), flow.approvers.refresh()]);
    const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    const draft = createDraft(
      actor,
      {
        kind: planned.existingInstance ? 'repair' : 'setup-sso',
        tenantId: flow.context.tenantId,
        appProfileId: profile.id,
        parameters: { ...choices, existingInstance: planned.existingInstance, product: command.app.product },
        conversation: reference,
        plan: planned.plan,
      },
      flow.context.rules,
      now(),
    );
    if (isRefusal(draft)) {
      logger.warn({ code: draft.code }, 'rejected a set-up request');
      await context.sendActivity(describeRefusal(draft));
      return;
    }

    const request = await store.create(draft);
    const requestLogger = logger.child({ requestId: request.id });
    const sent = await context.sendActivity(MessageFactory.attachment(requestCardAttachment(request, flow.extras(request.id))));
    if (sent?.id) await store.update(request.id, (current) => attachCard(current, sent.id, now()));
    requestLogger.info({ planHash: request.plan.hash, steps: request.plan.steps.length, existingInstance: planned.existingInstance, cardActivityId: sent?.id }, 'posted a set-up request card');
  };
}
