import { refuse, type DecidedBy, type Refusal } from './refusal.js';
import type { Actor, Approval, ChangeRequest, HistoryEntry, RequestState } from './types.js';

/** The approval settings every transition that opens or counts a round needs. */
export interface ApprovalRules {
  /** Time a submitted request, or a retry or rollback request, waits for approval, in milliseconds. */
  approvalTtlMs: number;
  /** Distinct approvers needed, at least 1. */
  approvalsRequired: number;
}

/** States a request never leaves. Every other state is open. */
export const TERMINAL_STATES: readonly RequestState[] = [
  'succeeded',
  'rejected',
  'cancelled',
  'expired',
  'rolled-back',
];

export function isTerminal(state: RequestState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function addMilliseconds(now: Date, milliseconds: number): string {
  return new Date(now.getTime() + milliseconds).toISOString();
}

/** Entra object ids are GUIDs, and Teams may send them in either case. */
export function sameActor(left: Actor | undefined, right: Actor | undefined): boolean {
  if (!left?.aadObjectId || !right?.aadObjectId) return false;
  return left.aadObjectId.toLowerCase() === right.aadObjectId.toLowerCase();
}

/** Returns the actor as approvals and history store it, without the tenant of the activity. */
export function recordedActor(actor: Actor): Actor {
  const { tenantId: _tenantId, ...recorded } = actor;
  return recorded;
}

/**
 * Rejects an actor without an Entra object id, or whose activity came from
 * another tenant than the request. An actor without a tenant id is treated
 * as foreign, so a caller that forgets to set it fails closed.
 */
export function checkActor(request: Pick<ChangeRequest, 'id' | 'state' | 'tenantId'>, actor: Actor): Refusal | undefined {
  if (!actor.aadObjectId) {
    return refuse(request, 'unidentified_actor', 'The activity carries no Entra object id, so the person cannot be identified.');
  }
  if (!actor.tenantId || actor.tenantId.toLowerCase() !== request.tenantId.toLowerCase()) {
    return refuse(request, 'foreign_tenant', `Change request ${request.id} belongs to another tenant.`);
  }
  return undefined;
}

export function currentRound(request: ChangeRequest): number {
  return request.approvalRound ?? 1;
}

/** Approvals that count now: this round's, for the plan hash that is stored now. */
export function countedApprovals(request: ChangeRequest): Approval[] {
  const round = currentRound(request);
  return request.approvals.filter(
    (approval) => (approval.round ?? 1) === round && approval.planHash === request.plan.hash,
  );
}

/** Finds the latest entry that closed an approval round, for `already_decided`. */
export function lastDecision(request: ChangeRequest): DecidedBy | undefined {
  for (let index = request.history.length - 1; index >= 0; index -= 1) {
    const entry = request.history[index];
    if (entry?.decision) return { action: entry.decision, at: entry.at, ...(entry.by ? { by: entry.by } : {}) };
  }
  return undefined;
}

/** Returns a copy in `state` with one more history entry. */
export function withHistory(
  request: ChangeRequest,
  now: Date,
  state: RequestState,
  entry: Omit<HistoryEntry, 'at' | 'state'>,
): ChangeRequest {
  const at = now.toISOString();
  return { ...request, state, updatedAt: at, history: [...request.history, { at, state, ...entry }] };
}

/**
 * Maps a state in which the request can no longer be approved, rejected or
 * edited to the refusal that explains why to the user.
 */
export function refuseClosed(request: ChangeRequest, action: string): Refusal {
  const decided = lastDecision(request);
  switch (request.state) {
    case 'expired':
      return refuse(request, 'expired', `Change request ${request.id} expired before it was approved.`, withDecided(decided));
    case 'running':
      return refuse(request, 'already_running', `Change request ${request.id} is running.`, withLease(request));
    case 'approved':
    case 'rejected':
    case 'cancelled':
      return refuse(request, 'already_decided', describeDecided(request, decided), withDecided(decided));
    case 'draft':
      return refuse(request, 'not_pending', `Change request ${request.id} has not been submitted for approval.`);
    default:
      return refuse(request, 'invalid_state', `Change request ${request.id} ${describeState(request.state)}, so it cannot be ${action}.`);
  }
}

/** Describes the states that `refuseClosed` has no own sentence for, as a verb phrase. */
function describeState(state: ChangeRequest['state']): string {
  switch (state) {
    case 'pending-approval':
      return 'is waiting for approval';
    case 'succeeded':
      return 'has already finished';
    case 'failed':
      return 'has failed';
    case 'rolled-back':
      return 'was rolled back';
    default:
      return `is ${state}`;
  }
}

/** Refuses approving or rejecting unless the request waits for approval and has not expired. */
export function checkPending(request: ChangeRequest, now: Date, action: string): Refusal | undefined {
  if (request.state === 'pending-approval') {
    if (now.getTime() < Date.parse(request.expiresAt)) return undefined;
    return refuse(request, 'expired', `Change request ${request.id} expired at ${request.expiresAt}.`, {
      decided: { action: 'expired', at: request.expiresAt },
    });
  }
  if (['succeeded', 'failed', 'rolled-back'].includes(request.state)) {
    const decided = lastDecision(request);
    return refuse(request, 'already_decided', describeDecided(request, decided), withDecided(decided));
  }
  return refuseClosed(request, action);
}

export function describeDecided(request: ChangeRequest, decided: DecidedBy | undefined): string {
  if (!decided) return `Change request ${request.id} is already ${request.state}.`;
  const byline = decided.by ? ` by ${decided.by.name}` : '';
  return `Change request ${request.id} was already ${decided.action}${byline} at ${decided.at}.`;
}

function withDecided(decided: DecidedBy | undefined): { decided?: DecidedBy } {
  return decided ? { decided } : {};
}

function withLease(request: ChangeRequest): Pick<Refusal, 'lease'> {
  return request.runLease ? { lease: request.runLease } : {};
}
