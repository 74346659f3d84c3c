// Pure transitions of the run phase: claiming the run under a lease,
// recording progress, finishing, and asking for a retry or a rollback, which
// opens one more approval round on the same request.
import type { RunState, SetupValues, SigningCertificate } from '../sso/types.js';
import { isRefusal, refuse, type Refusal } from './refusal.js';
import {
  addMilliseconds,
  checkActor,
  currentRound,
  recordedActor,
  refuseClosed,
  sameActor,
  withHistory,
  type ApprovalRules,
} from './transition-support.js';
import type { Actor, ChangeRequest, PendingAction } from './types.js';

export interface LeaseInput {
  /** A name unique to this bot instance and process, for example `host:pid:random`. */
  owner: string;
  leaseMs: number;
}

/**
 * Moves an approved request to `running` with a lease for `owner`. This is
 * the claim for exactly-once execution: the store writes it with
 * compare-and-swap, and only the caller whose write succeeded runs the plan.
 */
export function startRun(request: ChangeRequest, lease: LeaseInput, now: Date): ChangeRequest | Refusal {
  if (request.state === 'running') {
    return refuse(request, 'already_running', `Change request ${request.id} is already running.`, leaseDetails(request));
  }
  if (request.state !== 'approved') return refuseClosed(request, 'started');

  const runAction = request.pendingAction ?? 'run';
  const next = withHistory(request, now, 'running', { note: `${runAction} claimed by ${lease.owner}` });
  return { ...next, runAction, runLease: { owner: lease.owner, until: addMilliseconds(now, lease.leaseMs) } };
}

/**
 * Claims a request for resuming after a restart: an approved request that no
 * instance started, or a running one whose lease has expired or is already
 * held by `owner`. A live lease of another instance is never taken.
 */
export function takeOverRun(request: ChangeRequest, lease: LeaseInput, now: Date): ChangeRequest | Refusal {
  if (request.state === 'approved') return startRun(request, lease, now);
  if (request.state !== 'running') return refuseClosed(request, 'resumed');

  const current = request.runLease;
  const expired = !current || now.getTime() >= Date.parse(current.until);
  if (!expired && current.owner !== lease.owner) {
    return refuse(request, 'already_running', `Change request ${request.id} is running on ${current.owner}.`, leaseDetails(request));
  }

  const runLease = { owner: lease.owner, until: addMilliseconds(now, lease.leaseMs) };
  if (current?.owner === lease.owner) return { ...request, runLease, updatedAt: now.toISOString() };

  const from = current ? ` from ${current.owner}, whose lease ended at ${current.until}` : '';
  const next = withHistory(request, now, 'running', { note: `run taken over by ${lease.owner}${from}` });
  return { ...next, runLease };
}

/** Extends the lease of its owner. On `lease_lost` the runner must stop at once. */
export function renewLease(request: ChangeRequest, lease: LeaseInput, now: Date): ChangeRequest | Refusal {
  const refusal = checkLease(request, lease.owner);
  if (refusal) return refusal;
  return { ...request, runLease: { owner: lease.owner, until: addMilliseconds(now, lease.leaseMs) }, updatedAt: now.toISOString() };
}

/** Stores the run state after a step, renewing the lease of its owner. */
export function recordProgress(request: ChangeRequest, lease: LeaseInput, run: RunState, now: Date): ChangeRequest | Refusal {
  const renewed = renewLease(request, lease, now);
  if (isRefusal(renewed)) return renewed;
  return { ...renewed, run };
}

export interface RunOutcome {
  run?: RunState;
  certificate?: SigningCertificate;
  setupValues?: SetupValues;
  note?: string;
}

/** Finishes a run: `succeeded`, or `rolled-back` when the run was a rollback. */
export function succeedRun(request: ChangeRequest, owner: string, outcome: RunOutcome, now: Date): ChangeRequest | Refusal {
  const refusal = checkLease(request, owner);
  if (refusal) return refusal;

  const state = request.runAction === 'rollback' ? 'rolled-back' : 'succeeded';
  const next = finishRun(withHistory(request, now, state, { note: outcome.note ?? `${request.runAction ?? 'run'} succeeded` }), outcome);
  const result = { ...request.result };
  if (outcome.certificate) result.certificate = outcome.certificate;
  if (outcome.setupValues) result.setupValues = outcome.setupValues;
  return { ...next, result };
}

/** Finishes a run as `failed`; the failed step and its Graph request id are in `run`. */
export function failRun(request: ChangeRequest, owner: string, outcome: RunOutcome, now: Date): ChangeRequest | Refusal {
  const refusal = checkLease(request, owner);
  if (refusal) return refusal;
  return finishRun(withHistory(request, now, 'failed', { note: outcome.note ?? `${request.runAction ?? 'run'} failed` }), outcome);
}

export interface ActionRequestInput {
  isApprover: boolean;
  rules: ApprovalRules;
}

/**
 * Asks to resume a failed run from the failed step. After a failed rollback
 * the retry repeats the rollback. Either way another approval round opens,
 * and the person who asked cannot approve it.
 */
export function requestRetry(request: ChangeRequest, actor: Actor, input: ActionRequestInput, now: Date): ChangeRequest | Refusal {
  const action: PendingAction = request.runAction === 'rollback' ? 'rollback' : 'retry';
  return openActionRound(request, actor, action, input, now);
}

/** Asks to remove what the failed run created, behind another approval round. */
export function requestRollback(request: ChangeRequest, actor: Actor, input: ActionRequestInput, now: Date): ChangeRequest | Refusal {
  if (request.state === 'failed' && (request.run?.created.length ?? 0) === 0) {
    return refuse(request, 'nothing_to_roll_back', `The run of ${request.id} created nothing, so there is nothing to roll back.`);
  }
  return openActionRound(request, actor, 'rollback', input, now);
}

function openActionRound(
  request: ChangeRequest,
  actor: Actor,
  action: PendingAction,
  input: ActionRequestInput,
  now: Date,
): ChangeRequest | Refusal {
  const refusal = checkActor(request, actor);
  if (refusal) return refusal;
  if (!input.isApprover && !sameActor(actor, request.requester)) {
    return refuse(request, 'not_requester_or_approver', `Only the requester or an approver can ask for a ${action}.`);
  }
  // A second click on the same button, or a Teams retry of it, changes nothing.
  if (request.state === 'pending-approval' && request.pendingAction === action) return request;
  if (request.state !== 'failed') return refuseClosed(request, `given a ${action}`);

  const by = recordedActor(actor);
  const next = withHistory(request, now, 'pending-approval', { by, note: `${action} requested` });
  return {
    ...next,
    pendingAction: action,
    actionRequestedBy: by,
    approvalRound: currentRound(request) + 1,
    expiresAt: addMilliseconds(now, input.rules.approvalTtlMs),
  };
}

function finishRun(request: ChangeRequest, outcome: RunOutcome): ChangeRequest {
  const { runLease: _lease, pendingAction: _action, actionRequestedBy: _requestedBy, ...rest } = request;
  return outcome.run ? { ...rest, run: outcome.run } : rest;
}

function checkLease(request: ChangeRequest, owner: string): Refusal | undefined {
  if (request.state === 'running' && request.runLease?.owner === owner) return undefined;
  return refuse(request, 'lease_lost', `This instance no longer holds the run of ${request.id}.`, leaseDetails(request));
}

function leaseDetails(request: ChangeRequest): Pick<Refusal, 'lease'> {
  return request.runLease ? { lease: request.runLease } : {};
}
