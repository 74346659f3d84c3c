import type { Actor, Approval, Decision, RequestState } from '../requests/types.js';
import type { PlanStep, RunState, StepFailure, StepRecord } from '../sso/types.js';
import { capList, formatUtcMinute, joinNames, safeText, truncate } from './format.js';

/** Maximum number of plan steps a card lists. The rest become "and N more". */
export const MAX_STEPS_SHOWN = 20;
/** Maximum number of Graph requests the "Show Graph requests" container lists. */
export const MAX_REQUESTS_SHOWN = 24;
/** Maximum length of a shown request body, in characters of compact JSON. */
export const MAX_BODY_CHARS = 200;

/** A retry in progress, from the runner's `step-retried` event. */
export interface StepRetry {
  stepId: string;
  attempt: number;
  reason: string;
}

/** The approval and run part that every change-request card shows. */
export interface RequestProgressView {
  requestId: string;
  state: RequestState;
  planHash: string;
  steps: ReadonlyArray<Pick<PlanStep, 'id' | 'title' | 'requests'>>;
  requester: Actor;
  requestedAt: string;
  /** Configured approvers to name on the card. Only valid approvers' clicks count. */
  approvers: Actor[];
  approvalsRequired: number;
  approvals: Approval[];
  run?: RunState;
  retry?: StepRetry;
  rejection?: Decision;
  cancellation?: Decision;
  expiresAt: string;
  /** A one-line message shown on the card, for example why a click was rejected. */
  notice?: string;
  /** Set while a retry or rollback of a failed run waits for approval or runs. */
  pendingAction?: 'retry' | 'rollback';
  /** User who requested the pending retry or rollback, and so cannot approve it. */
  actionRequestedBy?: Actor;
  /** The current approval round. When set, only approvals of this round count. */
  approvalRound?: number;
}

/** Detail level of the plan's Graph requests on a card, from most to least. */
export type RequestDetail = 'bodies' | 'paths' | 'none';

/** The template fields that `cards/change-request.json` binds for the state part. */
export interface ProgressFields {
  requestId: string;
  planHash: string;
  /** The approval round, sent back by Approve and Reject so a click on an older round's card is stale. */
  round: number;
  notice: string;
  stateLine: string;
  stateColor: string;
  requestedLine: string;
  decisionComment: string;
  isDraft: boolean;
  isPending: boolean;
  isFailed: boolean;
  approversLine: string;
  approvalCountLine: string;
  requestRows: string[];
  stepRows: string[];
  failureLines: string[];
}

export function bindProgress(view: RequestProgressView, detail: RequestDetail, hiddenStepIds: ReadonlySet<string>): ProgressFields {
  const { line, color } = describeState(view);
  const showsPlan = view.state === 'draft' || view.state === 'pending-approval';
  const showsRun = hasRun(view);

  return {
    requestId: view.requestId,
    planHash: view.planHash,
    round: view.approvalRound ?? 1,
    notice: view.notice ? safeText(view.notice, 300) : '',
    stateLine: line,
    stateColor: color,
    requestedLine: `Requested by ${safeText(view.requester.name)} at ${formatUtcMinute(view.requestedAt)}`,
    decisionComment: describeComment(view),
    isDraft: view.state === 'draft',
    isPending: view.state === 'pending-approval',
    isFailed: view.state === 'failed',
    approversLine: describeApprovers(view),
    approvalCountLine: `${countValidApprovals(view)} of ${view.approvalsRequired} approvals`,
    requestRows: showsPlan ? describeRequests(view.steps, detail) : [],
    stepRows: showsRun ? describeSteps(view, hiddenStepIds) : [],
    failureLines: view.state === 'failed' ? describeFailures(view) : [],
  };
}

/** Returns true when the request has started running, so its steps have a status. */
export function hasRun(view: RequestProgressView): boolean {
  const runStates: RequestState[] = ['approved', 'running', 'succeeded', 'failed', 'rolled-back'];
  return runStates.includes(view.state) || view.run !== undefined;
}

function describeState(view: RequestProgressView): { line: string; color: string } {
  switch (view.state) {
    case 'draft':
      return { line: 'Draft: review the plan and submit it for approval', color: 'Default' };
    case 'pending-approval':
      return { line: `Waiting for approval${describePendingAction(view)} (expires ${formatUtcMinute(view.expiresAt)})`, color: 'Accent' };
    case 'approved':
    case 'running':
      return { line: `Approved by ${approverNames(view)} — ${view.pendingAction === 'rollback' ? 'rolling back' : 'running'}`, color: 'Accent' };
    case 'succeeded':
      return { line: `Done. Approved by ${approverNames(view)}`, color: 'Good' };
    case 'failed':
      return { line: 'Failed', color: 'Attention' };
    case 'rejected':
      return { line: `Rejected by ${decider(view.rejection)}${decidedAt(view.rejection)}`, color: 'Attention' };
    case 'cancelled':
      return { line: `Cancelled by ${decider(view.cancellation)}${decidedAt(view.cancellation)}`, color: 'Warning' };
    case 'expired':
      return { line: `Expired at ${formatUtcMinute(view.expiresAt)} without approval`, color: 'Warning' };
    case 'rolled-back':
      return { line: 'Rolled back: the objects this request created were removed', color: 'Warning' };
  }
}

function describePendingAction(view: RequestProgressView): string {
  if (view.pendingAction === 'retry') {
    return ' to retry from the failed step';
  }
  if (view.pendingAction === 'rollback') {
    return ' to roll back';
  }
  return '';
}

function decider(decision: Decision | undefined): string {
  return decision ? safeText(decision.by.name) : 'someone';
}

function decidedAt(decision: Decision | undefined): string {
  return decision ? ` at ${formatUtcMinute(decision.at)}` : '';
}

function describeComment(view: RequestProgressView): string {
  let decision: Decision | undefined;
  if (view.state === 'rejected') {
    decision = view.rejection;
  } else if (view.state === 'cancelled') {
    decision = view.cancellation;
  }
  if (decision?.comment) {
    return `Comment from ${decider(decision)}: ${safeText(decision.comment, 500)}`;
  }
  const comments = validApprovals(view).flatMap((approval) => (approval.comment ? [`${safeText(approval.approver.name)}: ${safeText(approval.comment, 200)}`] : []));
  return comments.length > 0 ? `Approval comments: ${comments.join(' · ')}` : '';
}

function validApprovals(view: RequestProgressView): Approval[] {
  return view.approvals.filter(
    (approval) =>
      approval.planHash === view.planHash && (view.approvalRound === undefined || (approval.round ?? 1) === view.approvalRound),
  );
}

function countValidApprovals(view: RequestProgressView): number {
  return validApprovals(view).length;
}

function approverNames(view: RequestProgressView): string {
  const names = validApprovals(view).map((approval) => safeText(approval.approver.name));
  return names.length > 0 ? joinNames(names) : 'an approver';
}

// The requester and the user who requested a retry or rollback cannot approve, so they are not named.
function describeApprovers(view: RequestProgressView): string {
  if (view.approvers.length === 0) {
    return '';
  }
  const excluded = [view.requester, view.actionRequestedBy].flatMap((actor) => (actor ? [actor.aadObjectId.toLowerCase()] : []));
  const eligible = view.approvers.filter((approver) => !excluded.includes(approver.aadObjectId.toLowerCase()));
  if (eligible.length === 0) {
    return 'No other approver is configured, so nobody can approve this request. Add an approver to the bot\'s configuration.';
  }
  const { shown, moreLine } = capList(eligible, 5);
  const names = shown.map((approver) => safeText(approver.name));
  return `Approvers: ${joinNames(moreLine ? [...names, moreLine] : names)}`;
}

function describeRequests(steps: RequestProgressView['steps'], detail: RequestDetail): string[] {
  if (detail === 'none') {
    return [];
  }
  const requests = steps.flatMap((step) => step.requests.map((request) => ({ step, request })));
  const { shown, moreLine } = capList(requests, MAX_REQUESTS_SHOWN);
  const rows = shown.map(({ request }) => {
    const line = `${request.method} ${request.path}`;
    if (detail === 'paths' || request.body === undefined) {
      return safeText(line, 300);
    }
    return `${safeText(line, 300)}\n\n${safeText(JSON.stringify(request.body), MAX_BODY_CHARS)}`;
  });
  return moreLine ? [...rows, moreLine] : rows;
}

const STATUS_TEXT: Record<StepRecord['status'], string> = {
  pending: '⏳ waiting',
  running: '▶️ running',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
};

/** Describes the status of one step as a card line, for any card that lists run steps. */
export function describeStepStatus(stepId: string, run: RunState | undefined, retry: StepRetry | undefined): string {
  const record = run?.steps.find((candidate) => candidate.stepId === stepId);
  const status = record?.status ?? 'pending';
  if (status === 'running' && retry?.stepId === stepId) {
    return `🔁 retrying (attempt ${retry.attempt}: ${safeText(retry.reason, 120)})`;
  }
  return STATUS_TEXT[status];
}

function describeSteps(view: RequestProgressView, hiddenStepIds: ReadonlySet<string>): string[] {
  const visible = view.steps.filter((step) => !hiddenStepIds.has(step.id));
  const { shown, moreLine } = capList(visible, MAX_STEPS_SHOWN);
  const rows = shown.map((step) => `${describeStepStatus(step.id, view.run, view.retry)}: ${safeText(step.title)}`);
  return moreLine ? [...rows, moreLine] : rows;
}

function describeFailures(view: RequestProgressView): string[] {
  const failures = (view.run?.steps ?? []).flatMap((record) => (record.status === 'failed' && record.failure ? [{ record, failure: record.failure }] : []));
  if (failures.length === 0) {
    return ['The run stopped before it finished. Retry resumes it from the first step that did not succeed.'];
  }
  return failures.slice(0, 3).map(({ record, failure }) => {
    const title = view.steps.find((step) => step.id === record.stepId)?.title ?? record.stepId;
    return describeFailure(title, failure);
  });
}

function describeFailure(title: string, failure: StepFailure): string {
  const parts = [`Step "${safeText(title)}" failed: ${safeText(truncate(failure.message, 200), 200)}`];
  if (failure.graphCode) {
    const status = failure.httpStatus ? ` (HTTP ${failure.httpStatus})` : '';
    parts.push(`Microsoft Graph returned the error code ${safeText(failure.graphCode)}${status}.`);
  }
  if (failure.graphRequestId) {
    parts.push(`Graph request id: ${safeText(failure.graphRequestId)}.`);
  }
  if (failure.retryAfterSeconds) {
    parts.push(`Graph returned Retry-After: ${failure.retryAfterSeconds} seconds, so wait that long before retrying.`);
  }
  return parts.join(' ');
}
