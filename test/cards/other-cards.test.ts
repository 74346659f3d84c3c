import { describe, expect, it } from 'vitest';
import { buildCertificateCard } from '../../src/cards/certificate-card.js';
import { buildChecklistCard } from '../../src/cards/checklist-card.js';
import { buildRequestsListCard } from '../../src/cards/requests-list-card.js';
import { buildSetupValuesCard } from '../../src/cards/setup-values-card.js';
import { buildStatusCard } from '../../src/cards/status-card.js';
import { buildNoMatchCard, buildUserChoiceCard } from '../../src/cards/user-choice-card.js';
import { buildWhoHasCard } from '../../src/cards/who-has-card.js';
import { actionByVerb, cardProblems, elementById, textOf, verbsOf } from './card-rules.js';
import { approver, certificateView, checklistView, requester, statusView } from './card-fixtures.js';

describe('certificate card', () => {
  it('follows the Teams 1.5 rules', () => {
    expect(cardProblems(buildCertificateCard(certificateView))).toEqual([]);
  });

  it('shows the PEM in monospace and the signed link', () => {
    const card = buildCertificateCard(certificateView);
    expect(textOf(card)).toContain('Certificate (Base64)');
    expect(JSON.stringify(card)).toContain('"fontType":"Monospace"');
    expect(JSON.stringify(card)).toContain(certificateView.downloadUrl);
    expect(textOf(card)).toContain('2029-12-04 21:20 UTC');
  });

  it('shows the thumbprint on its own wrapping monospace line', () => {
    const card = buildCertificateCard(certificateView);
    const blocks = (card.body as Array<Record<string, unknown>>).filter((element) => element.type === 'TextBlock' && element.fontType === 'Monospace');
    const facts = (card.body as Array<{ facts?: Array<{ value: string }> }>).flatMap((element) => element.facts ?? []);

    expect(blocks.find((block) => block.text === '3F2A8C1D9B7E6A5F4C3B2A1D0E9F8A7B6C5D4E3F')).toMatchObject({ wrap: true, size: 'Small' });
    expect(blocks.find((block) => String(block.text).startsWith('-----BEGIN CERTIFICATE-----'))).toMatchObject({ wrap: true });
    expect(facts.map((fact) => fact.value)).not.toContain('3F2A8C1D9B7E6A5F4C3B2A1D0E9F8A7B6C5D4E3F');
  });

  it('rejects a private key', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    expect(() => buildCertificateCard({ ...certificateView, certificate: { ...certificateView.certificate, pem } })).toThrow(TypeError);
  });
});

describe('set-up values card', () => {
  it('lists the five values unescaped in monospace', () => {
    const card = buildSetupValuesCard({
      appName: 'GoToMeeting',
      values: {
        loginUrl: 'https://login.microsoftonline.com/72f9/saml2',
        entraIdentifier: 'https://sts.windows.net/72f9/',
        logoutUrl: 'https://login.microsoftonline.com/72f9/saml2',
        federationMetadataUrl: 'https://login.microsoftonline.com/72f9/federationmetadata/2007-06/federationmetadata.xml?appid=0b1f',
        userAccessUrl: 'https://launcher.myapps.microsoft.com/api/signin/0b1f?tenantId=72f9',
      },
    });
    expect(cardProblems(card)).toEqual([]);
    const text = textOf(card);
    for (const label of ['Login URL', 'Microsoft Entra Identifier', 'Logout URL', 'App Federation Metadata URL', 'User access URL']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('federationmetadata.xml?appid=0b1f');
  });
});

describe('checklist card', () => {
  it('follows the Teams 1.5 rules', () => {
    expect(cardProblems(buildChecklistCard(checklistView))).toEqual([]);
  });

  it('shows who ticked an item and toggles by item id', () => {
    const card = buildChecklistCard(checklistView);
    expect(textOf(card)).toContain('Done by Adele Vance at 2026-12-04 21:40 UTC');
    expect(textOf(card)).toContain('1 of 3 done');
    expect(verbsOf(card)).toEqual(['checklist.toggle', 'checklist.toggle', 'checklist.toggle']);
    expect(actionByVerb(card, 'checklist.toggle')?.data).toEqual({ requestId: 'CR-7F3K', itemId: 'vendor-metadata' });
  });

  it('shows an informational item as plain text without a button', () => {
    const note = { id: 'just-in-time-users', title: 'Nothing to create on the GoToMeeting side.', informational: true };
    const card = buildChecklistCard({ ...checklistView, items: [...checklistView.items, note] });

    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('Nothing to create on the GoToMeeting side.');
    expect(textOf(card)).not.toContain('⬜ Nothing to create');
    expect(textOf(card)).toContain('1 of 3 done');
    expect(verbsOf(card)).toHaveLength(3);
  });
});

describe('requests list card', () => {
  it('lists id, kind, state, requester and age', () => {
    const card = buildRequestsListCard({
      now: '2026-12-04T21:50:00Z',
      requests: [
        { id: 'CR-7F3K', kind: 'setup-sso', state: 'pending-approval', requester, appName: 'GoToMeeting', createdAt: '2026-12-04T18:50:00Z' },
        { id: 'CR-9QWD', kind: 'assign-user', state: 'succeeded', requester: approver, appName: 'GoToMeeting', createdAt: '2026-12-01T21:50:00Z' },
      ],
    });
    expect(cardProblems(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('CR-7F3K · Set up SSO · GoToMeeting');
    expect(text).toContain('Megan Bowen · 3 h ago');
    expect(text).toContain('Adele Vance · 3 d ago');
    expect(text).toContain('Waiting for approval');
  });

  it('says just now for a request under a minute old', () => {
    const card = buildRequestsListCard({
      now: '2026-12-04T21:50:00Z',
      requests: [{ id: 'CR-7F3K', kind: 'setup-sso', state: 'draft', requester, appName: 'GoToMeeting', createdAt: '2026-12-04T21:49:30Z' }],
    });

    expect(textOf(card)).toContain('Megan Bowen · just now');
  });

  it('says so when there are no requests', () => {
    const card = buildRequestsListCard({ now: '2026-12-04T21:50:00Z', requests: [] });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('No open or recent requests.');
  });
});

describe('user choice cards', () => {
  const candidates = [
    { id: 'u1', displayName: 'Britta Simon', userPrincipalName: 'britta.simon@contoso.com', jobTitle: 'Engineer' },
    { id: 'u2', displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.onmicrosoft.com' },
  ];

  it('lists matches as choices with UPN and job title', () => {
    const card = buildUserChoiceCard({ requestId: 'CR-2M8P', query: 'Simon', appName: 'GoToMeeting', candidates });
    expect(cardProblems(card)).toEqual([]);
    expect(elementById(card, 'userId')?.choices).toEqual([
      { title: 'Britta Simon · britta.simon@contoso.com · Engineer', value: 'u1' },
      { title: 'B.Simon · B.Simon@contoso.onmicrosoft.com', value: 'u2' },
    ]);
    expect(verbsOf(card)).toEqual(['assign.pick']);
  });

  it('asks for a pick among several matches', () => {
    const card = buildUserChoiceCard({ requestId: 'CR-2M8P', query: 'Simon', appName: 'GoToMeeting', candidates });

    expect(textOf(card)).toContain('Several people match "Simon". Pick one:');
    expect(textOf(card)).not.toContain('No user matches');
  });

  it('words the pick of a removal as a removal', () => {
    const card = buildUserChoiceCard({ requestId: 'CR-2M8P', query: 'Simon', appName: 'GoToMeeting', candidates, action: 'unassign' });

    expect(textOf(card)).toContain('Only the person you pick loses access to GoToMeeting.');
    expect(actionByVerb(card, 'assign.pick')?.title).toBe('Request removal for this user');
  });

  it('marks a candidate who already has access', () => {
    const card = buildUserChoiceCard({ requestId: 'CR-2M8P', query: 'Simon', appName: 'GoToMeeting', candidates: [{ ...candidates[0]!, access: { since: '2026-12-04T22:46:10Z' } }, { ...candidates[1]!, access: {} }] });

    expect(elementById(card, 'userId')?.choices).toEqual([
      { title: 'Britta Simon · britta.simon@contoso.com · Engineer · has access since 2026-12-04 22:46 UTC', value: 'u1' },
      { title: 'B.Simon · B.Simon@contoso.onmicrosoft.com · already has access', value: 'u2' },
    ]);
  });

  it('offers a test user when nothing matches', () => {
    const card = buildNoMatchCard({ requestId: 'CR-2M8P', query: 'B.Simon', appName: 'GoToMeeting', closeMatches: [], offerTestUser: true });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('No user matches "B.Simon"');
    expect(verbsOf(card)).toEqual(['user.create-offer']);
    expect(actionByVerb(card, 'user.create-offer')?.data).toEqual({ requestId: 'CR-2M8P', name: 'B.Simon' });
  });

  it('lists close matches without an offer', () => {
    const card = buildNoMatchCard({ requestId: 'CR-2M8P', query: 'Brita', appName: 'GoToMeeting', closeMatches: candidates, offerTestUser: false });
    expect(cardProblems(card)).toEqual([]);
    expect(verbsOf(card)).toEqual(['assign.pick']);
  });

  it('has no buttons with neither matches nor offer', () => {
    const card = buildNoMatchCard({ requestId: 'CR-2M8P', query: 'Nobody', appName: 'GoToMeeting', closeMatches: [], offerTestUser: false });
    expect(cardProblems(card)).toEqual([]);
    expect(verbsOf(card)).toEqual([]);
  });
});

describe('status card', () => {
  it('groups the thumbprint so it can wrap', () => {
    expect(textOf(buildStatusCard(statusView))).toContain('3F2A8C1D 9B7E6A5F 4C3B2A1D 0E9F8A7B 6C5D4E3F');
  });

  it('shows state, days left, assignments and drift with Repair', () => {
    const card = buildStatusCard(statusView);
    expect(cardProblems(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Days left\n30');
    expect(text).toContain('RelayState\nnot set');
    expect(text).toContain('7 users and 1 group assigned: B.Simon, Sales\\_Team, Adele Vance, Lee Gu, Megan Bowen and 3 more');
    expect(text).toContain('⚠️ RelayState is empty');
    expect(actionByVerb(card, 'status.repair')?.data).toEqual({ appProfileId: 'gotomeeting' });
  });

  it('has no Repair button without drift or certificate', () => {
    const card = buildStatusCard({ ...statusView, drift: [], certificate: undefined });
    expect(cardProblems(card)).toEqual([]);
    expect(verbsOf(card)).toEqual([]);
    expect(textOf(card)).toContain('no active signing certificate');
  });
});

describe('who-has card', () => {
  it('pages with a More button carrying the cursor', () => {
    const card = buildWhoHasCard({
      appName: 'GoToMeeting',
      appProfileId: 'gotomeeting',
      firstIndex: 1,
      cursor: 'skiptoken-2',
      principals: [
        { type: 'user', displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.onmicrosoft.com' },
        { type: 'group', displayName: 'Sales' },
      ],
    });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('Assignments 1–2 of more than 2');
    expect(actionByVerb(card, 'assignments.page')?.data).toEqual({ appProfileId: 'gotomeeting', cursor: 'skiptoken-2' });
  });

  it.each<[number, number, number | undefined, string]>([
    [1, 1, undefined, '1 assignment'],
    [1, 3, undefined, '3 assignments'],
    [21, 5, undefined, 'Assignments 21–25 of 25'],
    [1, 20, 57, 'Assignments 1–20 of 57'],
  ])('counts a page from %i with %i rows (total %s)', (firstIndex, count, total, line) => {
    const principals = Array.from({ length: count }, (_, index) => ({ type: 'user' as const, displayName: `User ${index}` }));
    const card = buildWhoHasCard({ appName: 'GoToMeeting', appProfileId: 'gotomeeting', firstIndex, principals, ...(total ? { total, cursor: 'next' } : {}) });

    expect(textOf(card)).toContain(line);
  });

  it('has no More button on the last page', () => {
    const card = buildWhoHasCard({ appName: 'GoToMeeting', appProfileId: 'gotomeeting', firstIndex: 1, principals: [] });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('Nobody is assigned.');
    expect(verbsOf(card)).toEqual([]);
  });
});
