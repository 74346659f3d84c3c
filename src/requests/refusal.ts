import type { Actor, ChangeRequest, RequestState, RunLease } from './types.js';

/**
 * The reason a transition was rejected. The strings are stable, because the
 * bot chooses the sentence it shows from the code and logs the code as is.
 */
export type RefusalCode =
  | 'not_approver'
  | 'self_approval'
  | 'already_approved_by_you'
  | 'stale_plan'
  | 'expired'
  | 'not_pending'
  | 'already_decided'
  | 'foreign_tenant'
  | 'not_requester'
  | 'not_requester_or_approver'
  | 'unidentified_actor'
  | 'already_running'
  | 'lease_lost'
  | 'nothing_to_roll_back'
  | 'not_found'
  | 'invalid_state';

export type DecisionAction = 'approved' | 'rejected' | 'cancelled' | 'expired';

/** The decision that closed a request's approval round, for `already_decided` and `expired`. */
export interface DecidedBy {
  action: DecisionAction;
  /** Absent when the expiry sweep decided. */
  by?: Actor;
  at: string;
}

export interface Refusal {
  type: 'refusal';
  code: RefusalCode;
  requestId: string;
  /** The state of the stored request when the transition was rejected. */
  state: RequestState | 'missing';
  /** A plain sentence for logs and as a default for the user. */
  message: string;
  decided?: DecidedBy;
  /** The current run lease, for `already_running` and `lease_lost`. */
  lease?: RunLease;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'refusal';
}

export function refuse(
  request: Pick<ChangeRequest, 'id' | 'state'>,
  code: RefusalCode,
  message: string,
  details: { decided?: DecidedBy; lease?: RunLease } = {},
): Refusal {
  return { type: 'refusal', code, requestId: request.id, state: request.state, message, ...details };
}

export function refuseMissing(requestId: string): Refusal {
  return {
    type: 'refusal',
    code: 'not_found',
    requestId,
    state: 'missing',
    message: `Change request ${requestId} was not found.`,
  };
}
