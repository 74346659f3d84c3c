import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { attachCard, createDraft, isRefusal } from '../../requests/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { hashPlan, type AppProfile, type Plan } from '../../sso/index.js';
import { plainTextMessage } from '../bot-messages.js';
import type { CommandTurn } from '../command-router.js';
import { describeRefusal } from '../flow/refusal-messages.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { buildUserRequestCard, type UserChangeKind } from './users-request-card.js';

export interface UserDraftInput {
  kind: UserChangeKind;
  profile: AppProfile;
  parameters: Record<string, unknown>;
  plan: Plan;
}

/**
 * Returns a plan with no steps for a draft that still waits for the
 * requester's pick. Submitting such a draft is rejected until every pick is
 * made and the real plan replaces this one.
 */
export function waitingPlan(kind: UserChangeKind, profile: AppProfile): Plan {
  const plan = {
    kind,
    appProfileId: profile.id,
    choices: { waitingForPick: true },
    summary: ['Pick a user first.'],
    steps: [],
    noChanges: true,
  };
  return { ...plan, hash: hashPlan(plan) };
}

/**
 * Stores a draft user request and posts its card in the conversation of the
 * command: the pick card while a name needs a pick, else the request card
 * with its Submit button. Returns undefined when the draft was rejected.
 */
export async function postUserDraft(flow: SetupFlow, turn: CommandTurn, input: UserDraftInput): Promise<ChangeRequest | undefined> {
  const { store, rules, now, tenantId } = flow.context;
  const { context, actor, logger } = turn;
  await flow.approvers.refresh();

  const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
  const draft = createDraft(
    actor,
    { kind: input.kind, tenantId, appProfileId: input.profile.id, parameters: input.parameters, conversation: reference, plan: input.plan },
    rules,
    now(),
  );
  if (isRefusal(draft)) {
    logger.warn({ code: draft.code }, 'rejected a user request');
    await context.sendActivity(plainTextMessage(describeRefusal(draft)));
    return undefined;
  }

  const request = await store.create(draft);
  const card = buildUserRequestCard(request as ChangeRequest & { kind: UserChangeKind }, flow.extras(request.id));
  const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  if (sent?.id) await store.update(request.id, (current) => attachCard(current, sent.id, now()));
  logger.info({ requestId: request.id, kind: input.kind, planHash: request.plan.hash, steps: request.plan.steps.length, cardActivityId: sent?.id }, 'posted a user request card');
  return request;
}
