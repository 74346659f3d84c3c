import { describe, expect, it } from 'vitest';
import { MAX_ACTIVITY_BYTES, measureActivityBytes } from '../../src/cards/card-size.js';
import type { AdaptiveCardJson } from '../../src/cards/card-template.js';
import { buildCertificateCard } from '../../src/cards/certificate-card.js';
import { buildChecklistCard } from '../../src/cards/checklist-card.js';
import { buildRequestsListCard } from '../../src/cards/requests-list-card.js';
import { buildSetupRequestCard } from '../../src/cards/setup-request-card.js';
import { buildSetupValuesCard } from '../../src/cards/setup-values-card.js';
import { buildStatusCard } from '../../src/cards/status-card.js';
import { buildUserAssignmentCard, MAX_USERS_PER_REQUEST } from '../../src/cards/user-assignment-card.js';
import { buildNoMatchCard, buildUserChoiceCard } from '../../src/cards/user-choice-card.js';
import { buildWhoHasCard } from '../../src/cards/who-has-card.js';
import { buildWithinBudget } from '../../src/cards/fit-card.js';
import type { RequestDetail } from '../../src/cards/request-progress.js';
import { cardProblems, textOf } from './card-rules.js';
import { ALL_STATES, certificateView, checklistView, longName, runState, setupView, statusView, step, userView } from './card-fixtures.js';

const longSteps = Array.from({ length: 40 }, (_, index) => {
  const base = step(`step-${index}`, `${longName(index, 100)} step title`, 2000);
  return { ...base, requests: [...base.requests, ...base.requests] };
});

const maxUsers = Array.from({ length: MAX_USERS_PER_REQUEST }, (_, index) => ({
  displayName: longName(index),
  userPrincipalName: `${'u'.repeat(60)}_${index}_fabrikam.com#EXT#@${'d'.repeat(50)}.onmicrosoft.com`,
  jobTitle: longName(index, 100),
  stepId: `assign-${index}`,
}));

function expectWithinBudget(card: AdaptiveCardJson): void {
  expect(measureActivityBytes(card)).toBeLessThan(MAX_ACTIVITY_BYTES);
  expect(cardProblems(card)).toEqual([]);
}

describe('card size at the maximum', () => {
  it('measures UTF-16 bytes of the whole activity', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'é😀' }] };
    const activity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    expect(measureActivityBytes(card)).toBe(JSON.stringify(activity).length * 2);
    expect(measureActivityBytes(card)).toBeGreaterThan(JSON.stringify(card).length * 2);
  });

  it.each(ALL_STATES)('keeps the longest set-up plan in budget in state %s', (state) => {
    const view = setupView(state, {
      steps: longSteps,
      plan: { summary: longSteps.map((candidate) => candidate.title), noChanges: false },
      relayStateChoices: Array.from({ length: 10 }, (_, index) => ({ title: longName(index), value: `https://${'r'.repeat(150)}${index}` })),
      approvers: Array.from({ length: 30 }, (_, index) => ({ aadObjectId: String(index), name: longName(index) })),
      notice: longName(0, 400),
      run: state === 'failed' ? runState(longSteps, 3, 'failed') : undefined,
    });
    expectWithinBudget(buildSetupRequestCard(view));
  });

  it('drops request bodies before exceeding the budget', () => {
    const sizes: Record<RequestDetail, number> = { bodies: 40_000, paths: 20_000, none: 1_000 };
    const card = buildWithinBudget((detail) => ({ detail, padding: 'p'.repeat(sizes[detail] / 2) }));
    expect(card.detail).toBe('paths');
  });

  it('falls back to no requests when paths do not fit', () => {
    const card = buildWithinBudget((detail) => ({ detail, padding: detail === 'none' ? '' : 'p'.repeat(20_000) }));
    expect(card.detail).toBe('none');
  });

  it('keeps bodies when they fit', () => {
    expect(textOf(buildSetupRequestCard(setupView('draft')))).toContain('"preferredSingleSignOnMode"');
  });

  it.each(ALL_STATES)('keeps 20 users with long names in budget in state %s', (state) => {
    expectWithinBudget(buildUserAssignmentCard(userView(state, { users: maxUsers })));
  });

  it('keeps 20 users in budget when every user failed', () => {
    const view = userView('failed', { users: maxUsers });
    const failedRun = runState(view.steps, 0, 'failed');
    failedRun.steps = failedRun.steps.map((record) => ({ ...runState(view.steps, 0, 'failed').steps[0]!, stepId: record.stepId }));
    const card = buildUserAssignmentCard({ ...view, run: failedRun });
    expectWithinBudget(card);
    expect(textOf(card).match(/❌ failed/g)?.length).toBeGreaterThanOrEqual(MAX_USERS_PER_REQUEST);
  });

  it('caps users beyond the maximum with "and N more"', () => {
    const many = [...maxUsers, ...maxUsers.map((user) => ({ ...user, stepId: `${user.stepId}-b` }))];
    const card = buildUserAssignmentCard(userView('pending-approval', { users: many }));
    expectWithinBudget(card);
    expect(textOf(card)).toContain('and 20 more');
  });

  it('keeps the other cards in budget at their caps', () => {
    const long = longName(1, 300);
    const cards = [
      buildCertificateCard({ ...certificateView, certificate: { ...certificateView.certificate, subject: long } }),
      buildSetupValuesCard({
        appName: long,
        values: { loginUrl: long, entraIdentifier: long, logoutUrl: long, federationMetadataUrl: long, userAccessUrl: long },
      }),
      buildChecklistCard({
        ...checklistView,
        items: Array.from({ length: 40 }, (_, index) => ({ id: `item-${index}`, title: long, detail: long, link: `https://${'l'.repeat(200)}`, done: { by: { aadObjectId: 'a', name: long }, at: '2026-12-04T21:40:00Z' } })),
      }),
      buildRequestsListCard({
        now: '2026-12-04T21:50:00Z',
        requests: Array.from({ length: 200 }, (_, index) => ({ id: `CR-${index}`, kind: 'assign-user' as const, state: 'failed' as const, requester: { aadObjectId: 'a', name: long }, appName: long, createdAt: '2026-12-01T00:00:00Z' })),
      }),
      buildUserChoiceCard({ requestId: 'CR-1', query: long, appName: long, candidates: Array.from({ length: 100 }, (_, index) => ({ id: `u${index}`, displayName: long, userPrincipalName: long, jobTitle: long })) }),
      buildNoMatchCard({ requestId: 'CR-1', query: long, appName: long, offerTestUser: true, closeMatches: Array.from({ length: 100 }, (_, index) => ({ id: `u${index}`, displayName: long, userPrincipalName: long })) }),
      buildStatusCard({ ...statusView, identifier: long, replyUrl: long, relayState: long, assignedNames: Array<string>(100).fill(long), drift: Array<string>(100).fill(long) }),
      buildWhoHasCard({ appName: long, appProfileId: 'gotomeeting', firstIndex: 1, cursor: 'c'.repeat(500), principals: Array.from({ length: 100 }, () => ({ type: 'user' as const, displayName: long, userPrincipalName: long })) }),
    ];
    for (const [index, card] of cards.entries()) {
      expect(measureActivityBytes(card), `card ${index}`).toBeLessThan(MAX_ACTIVITY_BYTES);
      expect(cardProblems(card)).toEqual([]);
    }
  });
});
