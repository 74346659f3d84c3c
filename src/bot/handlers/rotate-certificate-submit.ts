import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { CardInputId } from '../../cards/index.js';
import { isRefusal, submit, updateChoices } from '../../requests/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { isRotationMode } from '../../sso/index.js';
import type { CardActionTurn } from '../command-router.js';
import { answerMalformed, answerRefusal } from '../flow/click-answers.js';
import { parseClick, requestClickSchema } from '../flow/click-data.js';
import { profileOf } from '../flow/request-card.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { cardResponse } from '../invoke-responses.js';
import { buildRotationRequestCard, rotationParameters, type RotationParameters } from './rotate-certificate-card.js';
import { describeRotationError } from './rotate-certificate-draft.js';
import { planRotationRequest } from './rotate-certificate-plan.js';

const rotationClickSchema = requestClickSchema.extend({ [CardInputId.rotationMode]: z.string().max(40).optional() });

function answerCard(flow: SetupFlow, request: ChangeRequest, notice?: string): AdaptiveCardInvokeResponse {
  return cardResponse(buildRotationRequestCard(request, flow.extras(request.id, notice)));
}

/** Returns the parameters the click chooses: the card's mode for a rotation, the stored thumbprint for an activation. */
function chosenParameters(request: ChangeRequest, mode: string | undefined): RotationParameters | string {
  const stored = rotationParameters(request);
  if (!('mode' in stored)) return stored;
  if (mode === undefined) return stored;
  return isRotationMode(mode) ? { mode } : 'rotationMode: not one of the offered choices';
}

/**
 * "Submit for approval" on a rotation card: reads the tenant again, re-plans
 * with the mode chosen on the card (or the stored thumbprint of an
 * activation), binds the new plan and hash to the request and submits it.
 */
export async function submitRotationRequest(flow: SetupFlow, turn: CardActionTurn, request: ChangeRequest): Promise<AdaptiveCardInvokeResponse> {
  const parsed = parseClick(rotationClickSchema, turn.data);
  if (!parsed.ok) return answerMalformed(flow, turn, parsed.problem, parsed.requestId);

  const { store, rules, now, gateway } = flow.context;
  const precheck = submit(request, turn.actor, rules, now());
  if (isRefusal(precheck)) return answerRefusal(flow, turn, precheck);
  if (request.state === 'pending-approval') return answerCard(flow, request);

  const parameters = chosenParameters(request, parsed.value.rotationMode);
  if (typeof parameters === 'string') return answerMalformed(flow, turn, parameters, request.id);

  const profile = profileOf(request);
  let plan;
  try {
    plan = await planRotationRequest(gateway, profile, parameters, now());
  } catch (error) {
    const sentence = describeRotationError(error, profile);
    if (sentence === undefined) throw error;
    turn.logger.error({ err: error, requestId: request.id }, 'failed to re-plan a certificate rotation on submit');
    return answerCard(flow, request, sentence);
  }

  const result = await store.update(request.id, (current) => {
    const updated = updateChoices(current, turn.actor, { parameters: { ...current.parameters, ...parameters }, plan }, now());
    if (isRefusal(updated) || plan.noChanges) return updated;
    return submit(updated, turn.actor, rules, now());
  });
  if (!result.ok) return answerRefusal(flow, turn, result.refusal);

  turn.logger.info({ requestId: request.id, state: result.request.state, planHash: result.request.plan.hash, actor: turn.actor.aadObjectId }, 'submitted a certificate rotation request');
  if (result.changed) flow.cards.schedule(request.id);
  return answerCard(flow, result.request, plan.noChanges ? 'Nothing to change any more.' : undefined);
}
