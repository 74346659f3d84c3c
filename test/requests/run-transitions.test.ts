import { describe, expect, it } from 'vitest';
import {
  approve,
  failRun,
  recordProgress,
  renewLease,
  requestRetry,
  requestRollback,
  startRun,
  succeedRun,
  takeOverRun,
} from '../../src/requests/transitions.js';
import type { ChangeRequest } from '../../src/requests/types.js';
import type { RunState } from '../../src/sso/types.js';
import {
  OTHER_TENANT_ID,
  RULES,
  T0,
  actor,
  approverA,
  approverB,
  expectRefusal,
  expectRequest,
  inState,
  minutesAfter,
  outsider,
  request,
  requester,
  stored,
} from './fixtures.js';

const LATER = minutesAfter(T0, 5);
const LEASE = { owner: 'bot-1', leaseMs: 60_000 };
const OTHER_LEASE = { owner: 'bot-2', leaseMs: 60_000 };

const failedRun: RunState = {
  steps: [{ stepId: 'instantiate', status: 'failed', attempts: 1, graphRequestIds: ['req-1'] }],
  outputs: {},
  created: [{ type: 'application', id: 'app-1', stepId: 'instantiate' }],
};

function running(owner = 'bot-1', until = minutesAfter(T0, 1), overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return inState('running', { runLease: { owner, until: until.toISOString() }, runAction: 'run', ...overrides });
}

describe('startRun', () => {
  it('claims an approved request with a lease', () => {
    const next = expectRequest(startRun(inState('approved'), LEASE, T0));
    expect(next.state).toBe('running');
    expect(next.runLease).toEqual({ owner: 'bot-1', until: '2026-12-01T10:01:00.000Z' });
    expect(next.runAction).toBe('run');
  });

  it.each<[string, ChangeRequest]>([
    ['already_running', running('bot-2')],
    ['not_pending', inState('draft')],
    ['invalid_state', inState('pending-approval')],
    ['already_decided', inState('cancelled')],
  ])('rejects with %s', (code, current) => {
    expect(expectRefusal(startRun(current, LEASE, T0)).code).toBe(code);
  });
});

describe('takeOverRun', () => {
  it('takes a run over after its lease expired', () => {
    const next = expectRequest(takeOverRun(running('bot-1', T0), OTHER_LEASE, LATER));
    expect(next.runLease?.owner).toBe('bot-2');
    expect(next.history.at(-1)?.note).toContain('taken over by bot-2 from bot-1');
  });

  it('keeps a live lease of another instance', () => {
    const refusal = expectRefusal(takeOverRun(running('bot-1', LATER), OTHER_LEASE, T0));
    expect(refusal.code).toBe('already_running');
    expect(refusal.lease?.owner).toBe('bot-1');
  });

  it('renews its own live lease without a history entry', () => {
    const current = running('bot-1', LATER);
    const next = expectRequest(takeOverRun(current, LEASE, T0));
    expect(next.history).toHaveLength(current.history.length);
    expect(next.runLease?.until).toBe('2026-12-01T10:01:00.000Z');
  });

  it('starts an approved request nobody started', () => {
    expect(expectRequest(takeOverRun(inState('approved'), OTHER_LEASE, T0)).state).toBe('running');
  });

  it('rejects a finished request', () => {
    expect(expectRefusal(takeOverRun(inState('succeeded'), LEASE, T0)).code).toBe('invalid_state');
  });
});

describe('lease holder transitions', () => {
  it('records progress and renews the lease', () => {
    const next = expectRequest(recordProgress(running(), LEASE, failedRun, minutesAfter(T0, 2)));
    expect(next.run).toEqual(failedRun);
    expect(next.runLease?.until).toBe('2026-12-01T10:03:00.000Z');
  });

  it.each([
    ['renewLease', (current: ChangeRequest) => renewLease(current, LEASE, T0)],
    ['recordProgress', (current: ChangeRequest) => recordProgress(current, LEASE, failedRun, T0)],
    ['succeedRun', (current: ChangeRequest) => succeedRun(current, 'bot-1', {}, T0)],
    ['failRun', (current: ChangeRequest) => failRun(current, 'bot-1', {}, T0)],
  ])('%s rejects with lease_lost for another owner', (_name, transition) => {
    expect(expectRefusal(transition(running('bot-2'))).code).toBe('lease_lost');
    expect(expectRefusal(transition(inState('succeeded'))).code).toBe('lease_lost');
  });

  it('succeeds and clears the lease', () => {
    const certificate = { pem: 'PEM', thumbprint: 'AB', subject: 'CN=x', notBefore: 'a', notAfter: 'b' };
    const next = expectRequest(succeedRun(running(), 'bot-1', { certificate }, LATER));
    expect(next.state).toBe('succeeded');
    expect(next.runLease).toBeUndefined();
    expect(next.result?.certificate).toEqual(certificate);
  });

  it('ends a rollback run as rolled-back', () => {
    const rollback = running('bot-1', LATER, { runAction: 'rollback', pendingAction: 'rollback' });
    const next = expectRequest(succeedRun(rollback, 'bot-1', {}, LATER));
    expect(next.state).toBe('rolled-back');
    expect(next.pendingAction).toBeUndefined();
  });

  it('fails with the run state and a note', () => {
    const next = expectRequest(failRun(running(), 'bot-1', { run: failedRun, note: 'conflict (request req-1)' }, LATER));
    expect(next.state).toBe('failed');
    expect(next.run?.steps[0]?.graphRequestIds).toEqual(['req-1']);
    expect(next.history.at(-1)?.note).toBe('conflict (request req-1)');
  });
});

describe('requestRetry and requestRollback', () => {
  const failed = inState('failed', { run: failedRun, runAction: 'run', approvals: [] });

  it('opens a retry round that the asker cannot approve', () => {
    const round = expectRequest(requestRetry(failed, approverA, { isApprover: true, rules: RULES }, T0));
    expect(round).toMatchObject({ state: 'pending-approval', pendingAction: 'retry', approvalRound: 2 });
    expect(round.actionRequestedBy).toEqual(stored(approverA));
    expect(round.expiresAt).toBe('2026-12-02T10:00:00.000Z');

    const own = { planHash: 'hash-1', round: 2, isApprover: true, rules: RULES };
    expect(expectRefusal(approve(round, approverA, own, LATER)).code).toBe('self_approval');
    expect(expectRefusal(approve(round, requester, own, LATER)).code).toBe('self_approval');

    const approved = expectRequest(approve(round, approverB, own, LATER));
    expect(approved.state).toBe('approved');
    expect(expectRequest(startRun(approved, LEASE, LATER)).runAction).toBe('retry');
  });

  it('retries a failed rollback as a rollback', () => {
    const failedRollback = { ...failed, runAction: 'rollback' as const };
    const round = expectRequest(requestRetry(failedRollback, requester, { isApprover: false, rules: RULES }, T0));
    expect(round.pendingAction).toBe('rollback');
  });

  it('opens a rollback round', () => {
    const round = expectRequest(requestRollback(failed, requester, { isApprover: false, rules: RULES }, T0));
    expect(round.pendingAction).toBe('rollback');
  });

  it('ignores a repeated click on the same action', () => {
    const round = expectRequest(requestRetry(failed, requester, { isApprover: false, rules: RULES }, T0));
    expect(requestRetry(round, requester, { isApprover: false, rules: RULES }, LATER)).toBe(round);
  });

  it.each<[string, () => unknown]>([
    ['not_requester_or_approver', () => requestRetry(failed, outsider, { isApprover: false, rules: RULES }, T0)],
    ['foreign_tenant', () => requestRetry(failed, actor('Adele', { tenantId: OTHER_TENANT_ID }), { isApprover: false, rules: RULES }, T0)],
    ['already_running', () => requestRetry(running(), requester, { isApprover: false, rules: RULES }, T0)],
    ['invalid_state', () => requestRetry(inState('succeeded'), requester, { isApprover: false, rules: RULES }, T0)],
    ['nothing_to_roll_back', () => requestRollback({ ...failed, run: { ...failedRun, created: [] } }, requester, { isApprover: false, rules: RULES }, T0)],
    ['invalid_state', () => requestRollback(request({ pendingAction: 'retry' }), requester, { isApprover: false, rules: RULES }, T0)],
  ])('rejects with %s', (code, transition) => {
    expect(expectRefusal(transition()).code).toBe(code);
  });
});
