import { MessageFactory, TurnContext } from 'botbuilder';
import { productNames, type CommandOf } from '../../commands/index.js';
import { attachCard, createDraft, isRefusal } from '../../requests/index.js';
import { isDirectoryError, type DirectoryError } from '../../directory/index.js';
import { SetupError, type AppProfile } from '../../sso/index.js';
import { plainTextMessage } from '../bot-messages.js';
import { profileFor } from '../handlers/users-app.js';
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
 * Handles "set up <app> SSO" for every app profile: reads the tenant, plans
 * the set-up (or the repair of an existing instance), stores a draft and
 * posts its card.
 */
export function createSetupCommandHandler(flow: SetupFlow): CommandHandler<CommandOf<'setup-sso'>> {
  return async ({ command, context, actor, logger }) => {
    const { store, now } = flow.context;
    const profile = profileFor(command.app);
    const choices = { relayState: preselectedRelayState(profile, command.app.product), createTestUser: false };

    let planned;
    try {
      [planned] = await Promise.all([flow.planner.plan(profile, choices), flow.approvers.refresh()]);
    } catch (error) {
      if (!isDirectoryError(error) && !(error instanceof SetupError)) throw error;
      logger.error({ err: error, code: error.code }, 'failed to plan a set-up request');
      await context.sendActivity(describePlanningError(error));
      return;
    }
    const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    const draft = createDraft(
      actor,
      {
        kind: planned.existingInstance ? 'repair' : 'setup-sso',
        tenantId: flow.context.tenantId,
        appProfileId: profile.id,
        parameters: { ...choices, existingInstance: planned.existingInstance, ...(command.app.product ? { product: command.app.product } : {}) },
        conversation: reference,
        plan: planned.plan,
      },
      flow.context.rules,
      now(),
    );
    if (isRefusal(draft)) {
      logger.warn({ code: draft.code }, 'rejected a set-up request');
      await context.sendActivity(plainTextMessage(describeRefusal(draft)));
      return;
    }

    const request = await store.create(draft);
    const requestLogger = logger.child({ requestId: request.id });
    const sent = await context.sendActivity(MessageFactory.attachment(requestCardAttachment(request, flow.extras(request.id))));
    if (sent?.id) await store.update(request.id, (current) => attachCard(current, sent.id, now()));
    requestLogger.info({ planHash: request.plan.hash, steps: request.plan.steps.length, existingInstance: planned.existingInstance, cardActivityId: sent?.id }, 'posted a set-up request card');
  };
}

/** Describes why the tenant could not be read or planned, with what to do next. */
export function describePlanningError(error: DirectoryError | SetupError): string {
  if (error instanceof SetupError) return `I cannot plan this set-up: ${error.message}`;
  const status = error.httpStatus ? ` (HTTP ${error.httpStatus})` : '';
  const requestId = error.graphRequestId ? ` Graph request id: ${error.graphRequestId}.` : '';
  return `I could not read the tenant, so nothing was planned. Microsoft Graph returned the error code ${error.graphCode ?? error.code}${status}.${requestId} Try again in a minute; if it keeps failing, check the bot's Graph permissions.`;
}
