import { describe, expect, it } from 'vitest';
import { goToMeetingProfile, planSetup, type SetupChoices } from '../../src/sso/index.js';
import { resolvePlaceholders } from '../../src/sso/run-context.js';
import { configuredTenant, emptyTenant } from './support/tenant-state-fixture.js';

const meeting = 'https://global.gotomeeting.com';
const webinar = 'https://global.gotowebinar.com';
const choices: SetupChoices = { relayState: meeting, createTestUser: true };

describe('planSetup on an empty tenant', () => {
  const plan = planSetup(goToMeetingProfile, choices, emptyTenant());
  const step = (id: string) => plan.steps.find((candidate) => candidate.id === id);

  it('plans every step in dependency order', () => {
    expect(plan.steps.map((candidate) => candidate.id)).toEqual([
      'instantiate', 'set-saml-mode', 'set-identifier', 'add-certificate', 'activate-certificate', 'create-test-user', 'assign-user',
    ]);
    expect(plan.noChanges).toBe(false);
    expect(plan.kind).toBe('setup-sso');
  });

  it('sets SAML mode before the identifier and activates after adding', () => {
    expect(step('set-saml-mode')?.dependsOn).toEqual(['instantiate']);
    expect(step('set-identifier')?.dependsOn).toEqual(['set-saml-mode']);
    expect(step('add-certificate')?.dependsOn).toEqual(['set-saml-mode']);
    expect(step('activate-certificate')?.dependsOn).toEqual(['add-certificate']);
    expect(step('create-test-user')?.dependsOn).toEqual([]);
    expect(step('assign-user')?.dependsOn).toEqual(['instantiate', 'create-test-user']);
  });

  it('shows the exact Graph requests with placeholders', () => {
    expect(step('instantiate')?.requests).toEqual([{ method: 'POST', path: '/applicationTemplates/template-1/instantiate', body: { displayName: 'GoToMeeting' } }]);
    expect(step('set-saml-mode')?.requests[0]).toEqual({
      method: 'PATCH',
      path: '/servicePrincipals/{servicePrincipalId}',
      body: { preferredSingleSignOnMode: 'saml', samlSingleSignOnSettings: { relayState: meeting } },
    });
    expect(step('set-identifier')?.requests[0]).toEqual({
      method: 'PATCH',
      path: '/applications/{applicationId}',
      body: { identifierUris: [goToMeetingProfile.identifierUri], web: { redirectUris: [goToMeetingProfile.replyUrl] } },
    });
    expect(step('add-certificate')?.requests[0]?.body).toEqual({ displayName: 'CN=Microsoft Azure Federated SSO Certificate' });
    expect(step('activate-certificate')?.requests[0]?.body).toEqual({ preferredTokenSigningKeyThumbprint: '{certificateThumbprint}' });
    expect(step('assign-user')?.requests[0]?.body).toEqual({ principalId: '{testUserId}', resourceId: '{servicePrincipalId}', appRoleId: '{userRoleId}' });
  });

  it('keeps the password out of the plan', () => {
    const body = step('create-test-user')?.requests[0]?.body as { userPrincipalName: string; passwordProfile: { password: string } };
    expect(body.userPrincipalName).toBe('B.Simon@contoso.com');
    expect(body.passwordProfile.password).toBe('{generated password}');
  });

  it('omits user steps without a test user', () => {
    const withoutUser = planSetup(goToMeetingProfile, { relayState: meeting, createTestUser: false }, emptyTenant());
    expect(withoutUser.steps.map((candidate) => candidate.kind)).not.toContain('create-test-user');
    expect(withoutUser.steps.map((candidate) => candidate.kind)).not.toContain('assign-user');
  });
});

describe('planSetup on an existing instance', () => {
  it('plans nothing when everything matches', () => {
    const plan = planSetup(goToMeetingProfile, { relayState: meeting, createTestUser: false }, configuredTenant(meeting));

    expect(plan.noChanges).toBe(true);
    expect(plan.steps).toEqual([]);
    expect(plan.summary[0]).toContain('already matches');
  });

  it('repairs only a wrong RelayState', () => {
    const plan = planSetup(goToMeetingProfile, { relayState: webinar, createTestUser: false }, configuredTenant(meeting));

    expect(plan.steps.map((candidate) => candidate.id)).toEqual(['set-saml-mode']);
    expect(plan.steps[0]?.requests[0]).toEqual({ method: 'PATCH', path: '/servicePrincipals/sp-1', body: { samlSingleSignOnSettings: { relayState: webinar } } });
    expect(plan.steps[0]?.dependsOn).toEqual([]);
    expect(plan.steps[0]?.title).toBe('Correct the RelayState');
  });

  it('shows the current and new RelayState of a repair', () => {
    const plan = planSetup(goToMeetingProfile, { relayState: meeting, createTestUser: false }, configuredTenant(webinar));

    expect(plan.summary).toEqual(['Correct the RelayState', `RelayState: ${webinar} → ${meeting}`]);
  });

  it('names both fixes when RelayState and sign-on URL differ', () => {
    const tenant = configuredTenant(meeting);
    tenant.servicePrincipal!.loginUrl = 'https://example.com/login';
    const plan = planSetup(goToMeetingProfile, { relayState: webinar, createTestUser: false }, tenant);

    expect(plan.steps[0]?.title).toBe('Correct the RelayState and sign-on URL');
  });

  it('clears a sign-on URL and fixes reply URLs', () => {
    const tenant = configuredTenant(meeting);
    tenant.servicePrincipal!.loginUrl = 'https://example.com/login';
    tenant.application!.web = { redirectUris: ['https://old.example.com/acs'] };
    const plan = planSetup(goToMeetingProfile, { relayState: meeting, createTestUser: false }, tenant);

    expect(plan.steps.map((candidate) => candidate.id)).toEqual(['set-saml-mode', 'set-identifier']);
    expect(plan.steps[0]?.requests[0]?.body).toEqual({ loginUrl: null });
    expect(plan.steps[0]?.title).toBe('Correct the sign-on URL');
    expect(plan.steps[1]?.requests[0]?.body).toEqual({ web: { redirectUris: [goToMeetingProfile.replyUrl] } });
  });

  it('adds and activates a certificate when the active one has expired', () => {
    const tenant = configuredTenant(meeting);
    tenant.servicePrincipal!.keyCredentials![0]!.endDateTime = '2026-01-01T00:00:00Z';
    const plan = planSetup(goToMeetingProfile, { relayState: meeting, createTestUser: false }, tenant);

    expect(plan.steps.map((candidate) => candidate.id)).toEqual(['add-certificate', 'activate-certificate']);
    expect(plan.steps[0]?.requests[0]?.path).toBe('/servicePrincipals/sp-1/addTokenSigningCertificate');
  });

  it('assigns an existing user with the role id from the service principal', () => {
    const tenant = configuredTenant(meeting, { testUser: { id: 'user-1', userPrincipalName: 'B.Simon@contoso.com' } });
    const plan = planSetup(goToMeetingProfile, choices, tenant);

    expect(plan.steps.map((candidate) => candidate.id)).toEqual(['assign-user']);
    expect(plan.steps[0]?.requests[0]?.body).toEqual({ principalId: 'user-1', resourceId: 'sp-1', appRoleId: 'role-user' });
  });

  it('skips an assignment that exists', () => {
    const tenant = configuredTenant(meeting, {
      testUser: { id: 'user-1' },
      assignments: [{ id: 'a-1', principalId: 'user-1', appRoleId: 'role-user', resourceId: 'sp-1' }],
    });
    expect(planSetup(goToMeetingProfile, choices, tenant).noChanges).toBe(true);
  });
});

describe('planSetup choices and hash', () => {
  it.each([
    [{ relayState: 'https://evil.example.com', createTestUser: false }],
    [{ relayState: meeting, createTestUser: true, testUserName: 'Zoë' }],
    [{ relayState: meeting, createTestUser: true, testUserName: 'a b' }],
    [{ relayState: meeting, createTestUser: true, testUserName: '.dot' }],
  ])('rejects invalid choices %j', (invalid) => {
    expect(() => planSetup(goToMeetingProfile, invalid, emptyTenant())).toThrow(expect.objectContaining({ code: 'invalid_choice' }));
  });

  it('gives equal inputs an equal hash', () => {
    expect(planSetup(goToMeetingProfile, choices, emptyTenant()).hash).toBe(planSetup(goToMeetingProfile, { ...choices }, emptyTenant()).hash);
  });

  it.each([
    ['RelayState', { ...choices, relayState: webinar }, emptyTenant()],
    ['test user', { ...choices, createTestUser: false }, emptyTenant()],
    ['test user name', { ...choices, testUserName: 'C.Doe' }, emptyTenant()],
    ['template id', choices, emptyTenant({ template: { id: 'template-2', displayName: 'GoToMeeting' } })],
  ])('changes the hash when the %s changes', (_name, changed, tenant) => {
    const base = planSetup(goToMeetingProfile, choices, emptyTenant()).hash;
    expect(planSetup(goToMeetingProfile, changed, tenant).hash).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects an application without a service principal', () => {
    const tenant = configuredTenant(meeting);
    delete tenant.servicePrincipal;
    expect(() => planSetup(goToMeetingProfile, choices, tenant)).toThrow(expect.objectContaining({ code: 'incomplete_tenant' }));
  });
});

describe('resolvePlaceholders', () => {
  it('replaces known outputs at any depth', () => {
    expect(resolvePlaceholders({ a: ['{x}', 'y'], b: { c: '{x}' } }, { x: 'id-1' })).toEqual({ a: ['id-1', 'y'], b: { c: 'id-1' } });
  });

  it.each([[{}], [{ userRoleId: undefined }]])('rejects a missing output in %j', (outputs) => {
    expect(() => resolvePlaceholders({ appRoleId: '{userRoleId}' }, outputs)).toThrow(expect.objectContaining({ code: 'missing_output' }));
  });
});
