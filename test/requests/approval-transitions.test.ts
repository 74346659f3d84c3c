import { describe, expect, it } from 'vitest';
import {
  approve,
  attachCard,
  cancel,
  createDraft,
  expire,
  isRefusal,
  reject,
  submit,
  updateChoices,
  type ApproveInput,
} from '../../src/requests/transitions.js';
import type { ChangeRequest } from '../../src/requests/types.js';
import {
  OTHER_TENANT_ID,
  RULES,
  T0,
  TENANT_ID,
  actor,
  approverA,
  approverB,
  conversationReference,
  expectRefusal,
  expectRequest,
  inState,
  minutesAfter,
  outsider,
  plan,
  request,
  requester,
  stored,
} from './fixtures.js';

const LATER = minutesAfter(T0, 5);
const AFTER_EXPIRY = minutesAfter(T0, 24 * 60 + 1);

function approveInput(overrides: Partial<ApproveInput> = {}): ApproveInput {
  return { planHash: 'hash-1', round: 1, isApprover: true, rules: RULES, ...overrides };
}

const approvedBefore = request({
  state: 'approved',
  approvals: [{ approver: stored(approverA), planHash: 'hash-1', round: 1, at: LATER.toISOString() }],
  history: [{ at: LATER.toISOString(), state: 'approved', by: stored(approverA), decision: 'approved' }],
});

describe('createDraft', () => {
  const input = {
    kind: 'setup-sso' as const,
    tenantId: TENANT_ID,
    appProfileId: 'gotomeeting',
    parameters: { relayState: 'GoToMeeting' },
    conversation: conversationReference(),
    plan: plan(),
  };

  it('creates a draft that expires after the approval TTL', () => {
    const draft = createDraft(requester, input, RULES, T0);
    if (isRefusal(draft)) throw new Error(draft.code);
    expect(draft.state).toBe('draft');
    expect(draft.requester).toEqual(stored(requester));
    expect(draft.expiresAt).toBe('2026-12-02T10:00:00.000Z');
    expect(draft.history).toHaveLength(1);
  });

  it.each([
    ['foreign_tenant', actor('Adele', { tenantId: OTHER_TENANT_ID })],
    ['foreign_tenant', actor('Adele', { tenantId: undefined })],
    ['unidentified_actor', actor('Adele', { aadObjectId: '' })],
  ])('rejects with %s', (code, who) => {
    expect(expectRefusal(createDraft(who, input, RULES, T0)).code).toBe(code);
  });
});

describe('updateChoices', () => {
  const choices = { parameters: { relayState: 'GoToWebinar' }, plan: plan('hash-2', { relayState: 'GoToWebinar' }) };

  it('replaces plan and drops approvals of the round', () => {
    const partly = request({
      approvals: [{ approver: stored(approverA), planHash: 'hash-1', round: 1, at: T0.toISOString() }],
    });
    const next = expectRequest(updateChoices(partly, requester, choices, LATER));
    expect(next.plan.hash).toBe('hash-2');
    expect(next.parameters).toEqual({ relayState: 'GoToWebinar' });
    expect(next.approvals).toEqual([]);
    expect(next.state).toBe('pending-approval');
    expect(next.history.at(-1)?.note).toContain('1 approval(s) dropped');
  });

  it.each<[string, ChangeRequest, typeof requester, Date]>([
    ['not_requester', request(), approverA, LATER],
    ['foreign_tenant', request(), actor('Adele', { tenantId: OTHER_TENANT_ID }), LATER],
    ['expired', request(), requester, AFTER_EXPIRY],
    ['already_decided', approvedBefore, requester, LATER],
    ['already_running', inState('running'), requester, LATER],
    ['invalid_state', inState('failed'), requester, LATER],
    ['invalid_state', request({ pendingAction: 'retry' }), requester, LATER],
  ])('rejects with %s', (code, current, who, now) => {
    expect(expectRefusal(updateChoices(current, who, choices, now)).code).toBe(code);
  });
});

describe('submit', () => {
  it('moves a draft to pending-approval with a fresh expiry', () => {
    const next = expectRequest(submit(inState('draft'), requester, RULES, LATER));
    expect(next.state).toBe('pending-approval');
    expect(next.expiresAt).toBe('2026-12-02T10:05:00.000Z');
  });

  it('returns a pending request unchanged on a repeated submit', () => {
    const pending = request();
    expect(submit(pending, requester, RULES, LATER)).toBe(pending);
  });

  it.each<[string, ChangeRequest, typeof requester, Date]>([
    ['not_requester', inState('draft'), approverA, LATER],
    ['expired', inState('draft'), requester, AFTER_EXPIRY],
    ['expired', inState('expired'), requester, LATER],
    ['already_decided', inState('cancelled'), requester, LATER],
    ['invalid_state', inState('succeeded'), requester, LATER],
  ])('rejects with %s', (code, current, who, now) => {
    expect(expectRefusal(submit(current, who, RULES, now)).code).toBe(code);
  });
});

describe('approve', () => {
  it('approves with one required approval', () => {
    const next = expectRequest(approve(request(), approverA, approveInput({ comment: 'fine' }), LATER));
    expect(next.state).toBe('approved');
    expect(next.approvals).toEqual([
      { approver: stored(approverA), planHash: 'hash-1', round: 1, at: LATER.toISOString(), comment: 'fine' },
    ]);
    expect(next.history.at(-1)).toMatchObject({ state: 'approved', by: stored(approverA), decision: 'approved' });
  });

  it('waits for the second distinct approver', () => {
    const rules = { ...RULES, approvalsRequired: 2 };
    const first = expectRequest(approve(request(), approverA, approveInput({ rules }), LATER));
    expect(first.state).toBe('pending-approval');
    expect(first.history.at(-1)?.note).toBe('approval 1 of 2');

    const again = expectRefusal(approve(first, approverA, approveInput({ rules }), LATER));
    expect(again.code).toBe('already_approved_by_you');

    const second = expectRequest(approve(first, approverB, approveInput({ rules }), LATER));
    expect(second.state).toBe('approved');
  });

  it('names the winner in already_decided', () => {
    const refusal = expectRefusal(approve(approvedBefore, approverB, approveInput(), LATER));
    expect(refusal.code).toBe('already_decided');
    expect(refusal.decided).toEqual({ action: 'approved', by: stored(approverA), at: LATER.toISOString() });
    expect(refusal.message).toContain('Bianca');
  });

  it.each<[string, ChangeRequest, typeof requester, Partial<ApproveInput>, Date]>([
    ['not_approver', request(), outsider, { isApprover: false }, LATER],
    ['self_approval', request(), requester, {}, LATER],
    ['self_approval', request({ state: 'pending-approval', pendingAction: 'retry', approvalRound: 2, actionRequestedBy: stored(approverA) }), approverA, { round: 2 }, LATER],
    ['stale_plan', request(), approverA, { planHash: 'hash-0' }, LATER],
    ['stale_plan', request({ approvalRound: 2, pendingAction: 'retry', actionRequestedBy: stored(approverB) }), approverA, { round: 1 }, LATER],
    ['expired', request(), approverA, {}, AFTER_EXPIRY],
    ['expired', inState('expired'), approverA, {}, LATER],
    ['not_pending', inState('draft'), approverA, {}, LATER],
    ['already_decided', approvedBefore, approverB, {}, LATER],
    ['already_decided', inState('rejected'), approverB, {}, LATER],
    ['already_decided', inState('succeeded'), approverB, {}, LATER],
    ['already_running', inState('running'), approverB, {}, LATER],
    ['foreign_tenant', request(), actor('Bianca', { tenantId: OTHER_TENANT_ID }), {}, LATER],
    ['unidentified_actor', request(), actor('Bianca', { aadObjectId: '' }), {}, LATER],
  ])('rejects with %s', (code, current, who, input, now) => {
    expect(expectRefusal(approve(current, who, approveInput(input), now)).code).toBe(code);
  });

  it('rejects an approver granted access', () => {
    const users = [{ id: approverA.aadObjectId.toUpperCase(), displayName: 'Bianca' }];
    const granting = request({ kind: 'assign-user', plan: plan('hash-1', { users }) });
    const refusal = expectRefusal(approve(granting, approverA, approveInput(), LATER));

    expect(refusal.code).toBe('self_approval');
    expect(expectRequest(approve(granting, approverB, approveInput(), LATER)).state).toBe('approved');
  });

  it('matches object ids case-insensitively for self-approval', () => {
    const shouting = { ...requester, aadObjectId: requester.aadObjectId.toUpperCase() };
    expect(expectRefusal(approve(request(), shouting, approveInput(), LATER)).code).toBe('self_approval');
  });

  it('refuses the requester under another Teams id', () => {
    const disguised = { ...requester, teamsUserId: '29:someone-else', name: 'Someone Else' };
    expect(expectRefusal(approve(request(), disguised, approveInput(), LATER)).code).toBe('self_approval');
  });

  it('counts an approver once under two Teams ids', () => {
    const rules = { ...RULES, approvalsRequired: 2 };
    const firstOfTwo = expectRequest(approve(request(), approverA, approveInput({ rules }), LATER));
    const again = { ...approverA, teamsUserId: '29:second-client' };

    expect(firstOfTwo.state).toBe('pending-approval');
    expect(expectRefusal(approve(firstOfTwo, again, approveInput({ rules }), LATER)).code).toBe('already_approved_by_you');
  });

  it('refuses approval at the expiry instant', () => {
    const current = request();
    expect(expectRefusal(approve(current, approverA, approveInput(), new Date(current.expiresAt))).code).toBe('expired');
  });

  it('refuses approval when expiresAt is unreadable', () => {
    expect(expectRefusal(approve(request({ expiresAt: 'soon' }), approverA, approveInput(), LATER)).code).toBe('expired');
  });
});

describe('reject', () => {
  it('rejects with a comment', () => {
    const next = expectRequest(reject(request(), approverA, { isApprover: true, comment: 'wrong app' }, LATER));
    expect(next.state).toBe('rejected');
    expect(next.rejection).toEqual({ by: stored(approverA), at: LATER.toISOString(), comment: 'wrong app' });
  });

  it('returns a rejected retry round to failed', () => {
    const round = request({ pendingAction: 'retry', approvalRound: 2, actionRequestedBy: stored(requester) });
    const next = expectRequest(reject(round, approverA, { isApprover: true }, LATER));
    expect(next.state).toBe('failed');
    expect(next.pendingAction).toBeUndefined();
    expect(next.history.at(-1)).toMatchObject({ note: 'retry rejected', decision: 'rejected' });
  });

  it.each<[string, ChangeRequest, typeof requester, boolean, Date]>([
    ['not_approver', request(), outsider, false, LATER],
    ['expired', request(), approverA, true, AFTER_EXPIRY],
    ['already_decided', approvedBefore, approverB, true, LATER],
    ['not_pending', inState('draft'), approverA, true, LATER],
    ['foreign_tenant', request(), actor('Bianca', { tenantId: OTHER_TENANT_ID }), true, LATER],
  ])('rejects with %s', (code, current, who, isApprover, now) => {
    expect(expectRefusal(reject(current, who, { isApprover }, now)).code).toBe(code);
  });
});

describe('cancel', () => {
  it.each<[string, ChangeRequest, typeof requester, boolean]>([
    ['the requester a draft', inState('draft'), requester, false],
    ['an approver a pending request', request(), approverA, true],
    ['the requester an approved request', approvedBefore, requester, false],
  ])('lets %s', (_case, current, who, isApprover) => {
    const next = expectRequest(cancel(current, who, { isApprover }, LATER));
    expect(next.state).toBe('cancelled');
    expect(next.cancellation?.by).toEqual(stored(who));
  });

  it('returns a cancelled rollback round to failed', () => {
    const round = request({ pendingAction: 'rollback', approvalRound: 2, actionRequestedBy: stored(requester) });
    const next = expectRequest(cancel(round, requester, { isApprover: false }, LATER));
    expect(next.state).toBe('failed');
    expect(next.actionRequestedBy).toBeUndefined();
  });

  it.each<[string, ChangeRequest, typeof requester, boolean]>([
    ['not_requester_or_approver', request(), outsider, false],
    ['already_running', inState('running', { runLease: { owner: 'bot-1', until: LATER.toISOString() } }), requester, false],
    ['already_decided', inState('cancelled'), requester, false],
    ['expired', inState('expired'), requester, false],
    ['invalid_state', inState('succeeded'), requester, false],
    ['foreign_tenant', request(), actor('Adele', { tenantId: OTHER_TENANT_ID }), false],
  ])('rejects with %s', (code, current, who, isApprover) => {
    expect(expectRefusal(cancel(current, who, { isApprover }, LATER)).code).toBe(code);
  });

  it.each<[ChangeRequest['state'], string]>([
    ['succeeded', 'has already finished'],
    ['failed', 'has failed'],
    ['rolled-back', 'was rolled back'],
  ])('explains a %s request in words', (state, phrase) => {
    const refusal = expectRefusal(cancel(inState(state), requester, { isApprover: false }, LATER));
    expect(refusal.message).toBe(`Change request ${refusal.requestId} ${phrase}, so it cannot be cancelled.`);
  });

  it('names the run lease in already_running', () => {
    const lease = { owner: 'bot-1', until: LATER.toISOString() };
    expect(expectRefusal(cancel(inState('running', { runLease: lease }), requester, { isApprover: false }, LATER)).lease).toEqual(lease);
  });
});

describe('expire', () => {
  it.each<[string, ChangeRequest]>([
    ['a pending request', request()],
    ['a draft', inState('draft')],
  ])('expires %s past its expiry', (_case, current) => {
    const next = expectRequest(expire(current, AFTER_EXPIRY));
    expect(next.state).toBe('expired');
    expect(next.history.at(-1)).toMatchObject({ decision: 'expired', note: 'not approved in time' });
  });

  it('returns an expired retry round to failed', () => {
    const round = request({ pendingAction: 'retry', approvalRound: 2, actionRequestedBy: stored(requester) });
    expect(expectRequest(expire(round, AFTER_EXPIRY)).state).toBe('failed');
  });

  it.each<[string, ChangeRequest, Date]>([
    ['invalid_state', request(), LATER],
    ['expired', inState('expired'), AFTER_EXPIRY],
    ['already_decided', approvedBefore, AFTER_EXPIRY],
    ['already_running', inState('running'), AFTER_EXPIRY],
  ])('rejects with %s', (code, current, now) => {
    expect(expectRefusal(expire(current, now)).code).toBe(code);
  });
});

describe('attachCard', () => {
  it('stores the card activity id', () => {
    const next = attachCard(request(), 'activity-1', LATER);
    expect(next.cardActivityId).toBe('activity-1');
    expect(next.state).toBe('pending-approval');
  });

  it('returns the request unchanged for the same id', () => {
    const attached = request({ cardActivityId: 'activity-1' });
    expect(attachCard(attached, 'activity-1', LATER)).toBe(attached);
  });
});
