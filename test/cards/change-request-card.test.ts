import { describe, expect, it } from 'vitest';
import { buildSetupRequestCard } from '../../src/cards/setup-request-card.js';
import { buildUserAssignmentCard, type UserAssignmentView } from '../../src/cards/user-assignment-card.js';
import type { RequestState } from '../../src/requests/types.js';
import { CardVerb } from '../../src/cards/card-verbs.js';
import { actionByVerb, cardProblems, elementById, textOf, verbsOf } from './card-rules.js';
import { ALL_STATES, PLAN_HASH, setupView, userView } from './card-fixtures.js';

const EXPECTED_VERBS: Record<string, string[]> = {
  draft: ['request.submit', 'request.cancel'],
  'pending-approval': ['request.approve', 'request.reject', 'request.cancel'],
  failed: ['request.retry', 'request.rollback'],
};

describe('set-up request card', () => {
  it.each(ALL_STATES)('follows the Teams 1.5 rules in state %s', (state) => {
    expect(cardProblems(buildSetupRequestCard(setupView(state)))).toEqual([]);
  });

  it.each(ALL_STATES)('offers the buttons of state %s', (state) => {
    expect(verbsOf(buildSetupRequestCard(setupView(state)))).toEqual(EXPECTED_VERBS[state] ?? []);
  });

  it('preselects the chosen RelayState in the draft', () => {
    const card = buildSetupRequestCard(setupView('draft', { relayState: 'https://global.gotowebinar.com' }));
    const choiceSet = elementById(card, 'relayState');
    expect(choiceSet?.value).toBe('https://global.gotowebinar.com');
    expect(choiceSet?.choices).toHaveLength(3);
    expect(elementById(card, 'createTestUser')?.value).toBe('true');
  });

  it('adds a chosen RelayState missing from the choices', () => {
    const card = buildSetupRequestCard(setupView('draft', { relayState: 'https://custom.example.com' }));
    const choiceSet = elementById(card, 'relayState');
    expect(choiceSet?.choices).toHaveLength(4);
    expect(choiceSet?.value).toBe('https://custom.example.com');
  });

  it('carries requestId and planHash on submit and approve', () => {
    const submit = actionByVerb(buildSetupRequestCard(setupView('draft')), CardVerb.requestSubmit);
    expect(submit?.data).toEqual({ requestId: 'CR-7F3K', planHash: PLAN_HASH });
    const approve = actionByVerb(buildSetupRequestCard(setupView('pending-approval')), CardVerb.requestApprove);
    expect(approve?.data).toEqual({ requestId: 'CR-7F3K', planHash: PLAN_HASH, round: 1 });
  });

  it('hides the Graph requests behind a toggle', () => {
    const card = buildSetupRequestCard(setupView('draft'));
    const container = elementById(card, 'graphRequests');
    expect(container?.isVisible).toBe(false);
    expect(textOf(card)).toContain('PATCH /servicePrincipals/{servicePrincipalId}/set-saml-mode');
    expect(textOf(card)).toContain('Show Graph requests');
  });

  it.each(['pending-approval', 'running', 'succeeded', 'failed', 'rejected'] as const)('shows the chosen RelayState and test user when %s', (state) => {
    const text = textOf(buildSetupRequestCard(setupView(state, { relayState: 'https://global.gotowebinar.com', createTestUser: false })));

    expect(text).toContain('GoToWebinar (https://global.gotowebinar.com)');
    expect(text).toContain('Test user B.Simon\nnot included');
  });

  it('offers to assign an existing B.Simon instead of creating one', () => {
    const card = buildSetupRequestCard(setupView('draft', { existingTestUser: { hasAccess: false } }));

    expect(elementById(card, 'createTestUser')?.title).toBe('Also assign the existing test user B.Simon');
  });

  it('hides the test user toggle when B.Simon already has access', () => {
    const card = buildSetupRequestCard(setupView('draft', { existingTestUser: { hasAccess: true } }));

    expect(elementById(card, 'createTestUser')).toBeUndefined();
    expect(textOf(card)).toContain('The test user B.Simon already exists and has access to GoToMeeting.');
  });

  it('names neither the requester nor the retry requester as approvers', () => {
    const view = setupView('pending-approval', {
      requester: { aadObjectId: 'x3', name: 'Lee Gu' },
      approvers: [{ aadObjectId: 'x3', name: 'Lee Gu' }, { aadObjectId: 'x4', name: 'Nestor Wilke' }, { aadObjectId: 'x5', name: 'Joni Sherman' }],
      pendingAction: 'retry',
      actionRequestedBy: { aadObjectId: 'X4', name: 'Nestor Wilke' },
    });

    const text = textOf(buildSetupRequestCard(view));

    expect(text).toMatch(/^Approvers: Joni Sherman$/m);
  });

  it('says when only the requester could approve', () => {
    const view = setupView('pending-approval', { requester: { aadObjectId: 'x3', name: 'Lee Gu' }, approvers: [{ aadObjectId: 'x3', name: 'Lee Gu' }] });

    expect(textOf(buildSetupRequestCard(view))).toContain('No other approver is configured');
  });

  it('shows waiting, approvers and count when pending', () => {
    const text = textOf(buildSetupRequestCard(setupView('pending-approval')));
    expect(text).toContain('Waiting for approval');
    expect(text).toContain('Approvers: Adele Vance and Lee Gu');
    expect(text).toContain('0 of 1 approvals');
    expect(text).toContain('Requested by Megan Bowen at 2026-12-04 21:03 UTC');
  });

  it('counts only approvals of the current plan hash', () => {
    const view = setupView('pending-approval', {
      approvalsRequired: 2,
      approvals: [
        { approver: { aadObjectId: 'a', name: 'Lee Gu' }, planHash: 'old-hash', at: '2026-12-04T21:04:00Z' },
        { approver: { aadObjectId: 'b', name: 'Adele Vance' }, planHash: PLAN_HASH, at: '2026-12-04T21:06:00Z' },
      ],
    });
    expect(textOf(buildSetupRequestCard(view))).toContain('1 of 2 approvals');
  });

  it('shows the approver and each step status while running', () => {
    const text = textOf(buildSetupRequestCard(setupView('running')));
    expect(text).toContain('Approved by Adele Vance — running');
    expect(text).toContain('✅ succeeded: Add GoToMeeting from the gallery');
    expect(text).toContain('🔁 retrying (attempt 2: throttled, Retry-After 3 s): Set the identifier and reply URL');
    expect(text).toContain('⏳ waiting: Set the RelayState');
  });

  it('names the Graph error code and request id when failed', () => {
    const text = textOf(buildSetupRequestCard(setupView('failed')));
    expect(text).toContain('Step "Set the identifier and reply URL" failed');
    expect(text).toContain('error code Request\\_BadRequest (HTTP 400)');
    expect(text).toContain('Graph request id: 2c7b1e4a-9d3f-4f0e-8a61-3b5c0f2d9e17');
  });

  it('shows who rejected and the escaped comment', () => {
    const text = textOf(buildSetupRequestCard(setupView('rejected')));
    expect(text).toContain('Rejected by Adele Vance at 2026-12-04 21:12 UTC');
    expect(text).toContain('Comment from Adele Vance: Wait for the \\*vendor\\* contract.');
  });

  it('shows Done when succeeded', () => {
    expect(textOf(buildSetupRequestCard(setupView('succeeded')))).toContain('Done. Approved by Adele Vance');
  });

  it('offers the repair plan for an existing instance', () => {
    const text = textOf(buildSetupRequestCard(setupView('draft', { kind: 'repair', existingInstance: true })));
    expect(text).toContain('GoToMeeting already exists in this tenant.');
    expect(text).toContain('The plan below repairs it:');
  });

  it('offers only Cancel when nothing changes', () => {
    const card = buildSetupRequestCard(setupView('draft', { existingInstance: true, plan: { summary: [], noChanges: true }, steps: [] }));
    expect(textOf(card)).toContain('Nothing to change');
    expect(verbsOf(card)).toEqual(['request.cancel']);
    expect(cardProblems(card)).toEqual([]);
  });

  it('shows a refusal notice as a plain line', () => {
    const card = buildSetupRequestCard(setupView('pending-approval', { notice: 'You cannot approve your own request.' }));
    expect(textOf(card)).toContain('You cannot approve your own request.');
  });

  it('says where the test user password went', () => {
    const text = textOf(buildSetupRequestCard(setupView('succeeded', { passwordDelivery: 'personal-chat' })));
    expect(text).toContain('sent to Megan Bowen in a personal chat');
  });

  it('names a pending retry', () => {
    const card = buildSetupRequestCard(setupView('pending-approval', { pendingAction: 'retry' }));
    expect(textOf(card)).toContain('Waiting for approval to retry from the failed step');
  });
});

describe('user-assignment request card', () => {
  it.each(ALL_STATES)('follows the Teams 1.5 rules in state %s', (state) => {
    expect(cardProblems(buildUserAssignmentCard(userView(state)))).toEqual([]);
  });

  it.each(['assign-user', 'unassign-user', 'create-test-user'] as const)('follows the rules for kind %s', (kind) => {
    expect(cardProblems(buildUserAssignmentCard(userView('pending-approval', { kind })))).toEqual([]);
  });

  it('lists each user with escaped UPN and job title', () => {
    const text = textOf(buildUserAssignmentCard(userView('pending-approval')));
    expect(text).toContain("Patrick O'Brien");
    expect(text).toContain('Sales \\*Lead\\*');
    expect(text).toContain('zoe\\_mueller\\_fabrikam.com\\#EXT\\#@contoso.onmicrosoft.com');
    expect(text).toContain('3 users will get the role User in GoToMeeting:');
  });

  it('keeps other users results when one fails', () => {
    const text = textOf(buildUserAssignmentCard(userView('failed')));
    expect(text).toMatch(/B\.Simon[\s\S]*✅ succeeded/);
    expect(text).toContain('❌ failed: Another object with the same value');
    expect(text).toMatch(/Zoë Müller[\s\S]*✅ succeeded/);
  });

  it.each<[RequestState, Partial<UserAssignmentView>, string]>([
    ['succeeded', {}, '3 users got the role User in GoToMeeting:'],
    ['succeeded', { kind: 'unassign-user' }, '3 users lost the role User in GoToMeeting:'],
    ['failed', {}, '2 users got the role User in GoToMeeting; 1 did not get it:'],
    ['failed', { kind: 'unassign-user' }, '2 users lost the role User in GoToMeeting; 1 did not lose it:'],
    ['cancelled', {}, 'Requested: the role User in GoToMeeting for 3 users:'],
    ['rejected', { kind: 'unassign-user' }, 'Requested: removing the role User in GoToMeeting from 3 users:'],
    ['expired', { kind: 'create-test-user' }, 'Requested: a new test user with the role User in GoToMeeting:'],
  ])('words the %s user list after the fact (%o)', (state, overrides, line) => {
    const text = textOf(buildUserAssignmentCard(userView(state, overrides)));

    expect(text).toContain(line);
    expect(text).not.toMatch(/will (get|lose)/);
  });

  it('says where the password went without showing it', () => {
    const personal = textOf(buildUserAssignmentCard(userView('succeeded', { kind: 'create-test-user', passwordDelivery: 'personal-chat' })));
    expect(personal).toContain('sent to Megan Bowen in a personal chat');
    const hidden = textOf(buildUserAssignmentCard(userView('succeeded', { kind: 'create-test-user', passwordDelivery: 'not-shown' })));
    expect(hidden).toContain('reset the password in the Microsoft Entra admin center');
  });
});
