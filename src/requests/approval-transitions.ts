// Pure transitions of the approval phase: from a stored request, the acting
// person, the input and the time to the next request or a typed refusal.
// Nothing here reads storage or the clock, and the store applies them under
// compare-and-swap.
import type { ChangeKind, Plan } from '../sso/types.js';
import { refuse, type Refusal } from './refusal.js';
import {
  addMilliseconds,
  checkActor,
  checkPending,
  countedApprovals,
  currentRound,
  recordedActor,
  refuseClosed,
  sameActor,
  withHistory,
  type ApprovalRules,
} from './transition-support.js';
import type { Actor, Approval, ChangeRequest, NewChangeRequest } from './types.js';

export interface DraftInput {
  kind: ChangeKind;
  tenantId: string;
  appProfileId: string;
  parameters: Record<string, unknown>;
  /** The botbuilder ConversationReference, stored as opaque JSON. */
  conversation: Record<string, unknown>;
  plan: Plan;
  cardActivityId?: string;
}

/** Creates a draft. Drafts expire like pending requests, so abandoned cards do not stay open. */
export function createDraft(actor: Actor, input: DraftInput, rules: ApprovalRules, now: Date): NewChangeRequest | Refusal {
  const refusal = checkActor({ id: 'new', state: 'draft', tenantId: input.tenantId }, actor);
  if (refusal) return refusal;

  const at = now.toISOString();
  const requester = recordedActor(actor);
  return {
    ...input,
    state: 'draft',
    requester,
    approvals: [],
    approvalRound: 1,
    history: [{ at, state: 'draft', by: requester, note: 'created' }],
    createdAt: at,
    updatedAt: at,
    expiresAt: addMilliseconds(now, rules.approvalTtlMs),
  };
}

/**
 * Replaces the choices and the plan built from them. Approvals collected so
 * far are dropped, because each was given for the plan shown at the time.
 */
export function updateChoices(
  request: ChangeRequest,
  actor: Actor,
  input: { parameters: Record<string, unknown>; plan: Plan },
  now: Date,
): ChangeRequest | Refusal {
  const refusal = checkActor(request, actor) ?? checkRequester(request, actor) ?? checkEditable(request, now);
  if (refusal) return refusal;

  const round = currentRound(request);
  const otherRounds = request.approvals.filter((approval) => (approval.round ?? 1) !== round);
  const dropped = request.approvals.length - otherRounds.length;
  const note = dropped > 0 ? `choices changed, ${dropped} approval(s) dropped` : 'choices changed';
  const next = withHistory(request, now, request.state, { by: recordedActor(actor), note });
  return { ...next, parameters: input.parameters, plan: input.plan, approvals: otherRounds };
}

/** Moves a draft to pending-approval. Submitting a request that already waits returns it unchanged. */
export function submit(request: ChangeRequest, actor: Actor, rules: ApprovalRules, now: Date): ChangeRequest | Refusal {
  const refusal = checkActor(request, actor) ?? checkRequester(request, actor);
  if (refusal) return refusal;
  if (request.state === 'pending-approval' && !request.pendingAction) return checkPending(request, now, 'submitted') ?? request;

  const editable = checkEditable(request, now);
  if (editable) return editable;

  const next = withHistory(request, now, 'pending-approval', { by: recordedActor(actor), note: 'submitted for approval' });
  return { ...next, approvalRound: currentRound(request), expiresAt: addMilliseconds(now, rules.approvalTtlMs) };
}

export interface ApproveInput {
  /** The plan hash on the card the approver clicked. */
  planHash: string;
  /** The approval round on the card the approver clicked. */
  round: number;
  /** The approval policy's verdict for this actor, computed by the caller. */
  isApprover: boolean;
  rules: ApprovalRules;
  comment?: string;
}

/**
 * Records an approval bound to the plan hash and round the approver was
 * shown. When `approvalsRequired` distinct approvers have approved, the
 * request becomes `approved`.
 */
export function approve(request: ChangeRequest, actor: Actor, input: ApproveInput, now: Date): ChangeRequest | Refusal {
  const refusal = checkActor(request, actor) ?? checkPending(request, now, 'approved') ?? checkApprover(request, actor, input);
  if (refusal) return refusal;

  const approver = recordedActor(actor);
  const approval: Approval = { approver, planHash: input.planHash, round: input.round, at: now.toISOString() };
  if (input.comment) approval.comment = input.comment;

  const count = countedApprovals(request).length + 1;
  const required = Math.max(1, input.rules.approvalsRequired);
  const approvals = [...request.approvals, approval];
  if (count < required) {
    const next = withHistory(request, now, 'pending-approval', { by: approver, note: `approval ${count} of ${required}` });
    return { ...next, approvals };
  }

  const action = request.pendingAction ?? 'change';
  const next = withHistory(request, now, 'approved', { by: approver, note: `${action} approved`, decision: 'approved' });
  return { ...next, approvals };
}

/** Rejects the request, or only the pending retry or rollback, which returns the request to `failed`. */
export function reject(
  request: ChangeRequest,
  actor: Actor,
  input: { isApprover: boolean; comment?: string },
  now: Date,
): ChangeRequest | Refusal {
  const refusal = checkActor(request, actor) ?? checkPending(request, now, 'rejected');
  if (refusal) return refusal;
  if (!input.isApprover) return refuse(request, 'not_approver', 'Only an approver can reject a change request.');

  const by = recordedActor(actor);
  const note = input.comment ? `rejected: ${input.comment}` : 'rejected';
  if (request.pendingAction) return closeActionRound(request, now, { by, note: `${request.pendingAction} ${note}`, decision: 'rejected' });

  const next = withHistory(request, now, 'rejected', { by, note, decision: 'rejected' });
  return { ...next, rejection: { by, at: now.toISOString(), ...(input.comment ? { comment: input.comment } : {}) } };
}

/** Cancels a request that is not running yet, on behalf of the requester or any approver. */
export function cancel(
  request: ChangeRequest,
  actor: Actor,
  input: { isApprover: boolean; comment?: string },
  now: Date,
): ChangeRequest | Refusal {
  const refusal = checkActor(request, actor);
  if (refusal) return refusal;
  if (!input.isApprover && !sameActor(actor, request.requester)) {
    return refuse(request, 'not_requester_or_approver', 'Only the requester or an approver can cancel a change request.');
  }
  if (!['draft', 'pending-approval', 'approved'].includes(request.state)) return refuseClosed(request, 'cancelled');

  const by = recordedActor(actor);
  if (request.pendingAction) return closeActionRound(request, now, { by, note: `${request.pendingAction} cancelled`, decision: 'cancelled' });

  const next = withHistory(request, now, 'cancelled', { by, note: 'cancelled', decision: 'cancelled' });
  return { ...next, cancellation: { by, at: now.toISOString(), ...(input.comment ? { comment: input.comment } : {}) } };
}

/**
 * Expires a draft or pending request whose `expiresAt` has passed. An
 * expired retry or rollback round returns the request to `failed`.
 */
export function expire(request: ChangeRequest, now: Date): ChangeRequest | Refusal {
  if (request.state === 'expired') return refuseClosed(request, 'expired');
  if (request.state !== 'draft' && request.state !== 'pending-approval') return refuseClosed(request, 'expired');
  if (now.getTime() < Date.parse(request.expiresAt)) {
    return refuse(request, 'invalid_state', `Change request ${request.id} does not expire before ${request.expiresAt}.`);
  }

  if (request.pendingAction) return closeActionRound(request, now, { note: `${request.pendingAction} approval expired`, decision: 'expired' });
  return withHistory(request, now, 'expired', { note: 'not approved in time', decision: 'expired' });
}

/** Stores the id of the request card for `updateActivity`. The state does not change. */
export function attachCard(request: ChangeRequest, cardActivityId: string, now: Date): ChangeRequest {
  if (request.cardActivityId === cardActivityId) return request;
  return { ...request, cardActivityId, updatedAt: now.toISOString() };
}

function closeActionRound(
  request: ChangeRequest,
  now: Date,
  entry: { by?: Actor; note: string; decision: 'rejected' | 'cancelled' | 'expired' },
): ChangeRequest {
  const next = withHistory(request, now, 'failed', entry);
  const { pendingAction: _action, actionRequestedBy: _requestedBy, ...rest } = next;
  return rest;
}

function checkRequester(request: ChangeRequest, actor: Actor): Refusal | undefined {
  if (sameActor(actor, request.requester)) return undefined;
  return refuse(request, 'not_requester', `Only ${request.requester.name}, who asked for ${request.id}, can change or submit it.`);
}

function checkEditable(request: ChangeRequest, now: Date): Refusal | undefined {
  const open = request.state === 'draft' || (request.state === 'pending-approval' && !request.pendingAction);
  if (!open) return refuseClosed(request, 'changed');
  if (now.getTime() >= Date.parse(request.expiresAt)) {
    return refuse(request, 'expired', `Change request ${request.id} expired at ${request.expiresAt}.`, {
      decided: { action: 'expired', at: request.expiresAt },
    });
  }
  return undefined;
}

function checkApprover(request: ChangeRequest, actor: Actor, input: ApproveInput): Refusal | undefined {
  if (!input.isApprover) return refuse(request, 'not_approver', 'Only a configured approver can approve a change request.');
  if (sameActor(actor, request.requester)) {
    return refuse(request, 'self_approval', 'The requester cannot approve their own change request.');
  }
  if (sameActor(actor, request.actionRequestedBy)) {
    return refuse(request, 'self_approval', `The person who asked for the ${request.pendingAction} cannot approve it.`);
  }
  if (grantsAccessTo(request, actor)) {
    return refuse(request, 'self_approval', `You cannot approve ${request.id} because it gives you an app role.`);
  }
  if (countedApprovals(request).some((approval) => sameActor(approval.approver, actor))) {
    return refuse(request, 'already_approved_by_you', `You have already approved ${request.id}.`);
  }
  if (input.planHash !== request.plan.hash || input.round !== currentRound(request)) {
    return refuse(request, 'stale_plan', `The card shows an older plan of ${request.id}; approve the current card.`);
  }
  return undefined;
}

/** Returns true when the request gives the actor an app role, which the actor then must not approve. */
function grantsAccessTo(request: ChangeRequest, actor: Actor): boolean {
  if (request.kind !== 'assign-user' && request.kind !== 'create-test-user') return false;
  const users = Array.isArray(request.plan.choices.users) ? (request.plan.choices.users as Array<{ id?: unknown }>) : [];
  return users.some((user) => typeof user.id === 'string' && user.id.toLowerCase() === actor.aadObjectId.toLowerCase());
}
