import { afterEach, describe, expect, it } from 'vitest';
import { awsSingleAccountProfile, goToMeetingProfile, planSetup, readTenantState } from '../../src/sso/index.js';
import { applicationsOf, defaultChoices, meetingRelayState, planFor, runWith, startHarness, type Harness } from './support/engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function expectTargetState(h: Harness, relayState: string, thumbprint: string) {
  const applications = applicationsOf(h);
  expect(applications).toHaveLength(1);
  const application = applications[0]!;
  expect(application.identifierUris).toEqual([goToMeetingProfile.identifierUri]);
  expect((application.web as { redirectUris: string[] }).redirectUris).toEqual([goToMeetingProfile.replyUrl]);

  const servicePrincipal = [...h.emulator.state.servicePrincipals.values()].find((candidate) => candidate.appId === application.appId)!;
  expect(servicePrincipal.preferredSingleSignOnMode).toBe('saml');
  expect((servicePrincipal.samlSingleSignOnSettings as { relayState: string }).relayState).toBe(relayState);
  expect(servicePrincipal.loginUrl ?? null).toBeNull();
  expect(servicePrincipal.preferredTokenSigningKeyThumbprint).toBe(thumbprint);
  return { application, servicePrincipal };
}

describe('runPlan on a fresh tenant', () => {
  it('ends in the target state', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    const { result, events, progress } = await runWith(harness, plan);

    expect(result.failure).toBeUndefined();
    expect(result.status).toBe('succeeded');
    const { servicePrincipal } = expectTargetState(harness, meetingRelayState, result.certificate!.thumbprint);

    const user = [...harness.emulator.state.users.values()].find((candidate) => candidate.userPrincipalName === 'B.Simon@' + harness!.emulator.seed.verifiedDomains.find((d) => d.isDefault)!.name);
    expect(user).toBeDefined();
    const userRole = (servicePrincipal.appRoles as Array<{ id: string; displayName: string }>).find((role) => role.displayName === 'User')!;
    const assignments = [...harness.emulator.state.assignments.values()].filter((assignment) => assignment.principalId === user!.id);
    expect(assignments).toHaveLength(1);
    expect(assignments[0]!.appRoleId).toBe(userRole.id);
    expect(assignments[0]!.resourceId).toBe(servicePrincipal.id);

    expect(events.filter((event) => event.type === 'step-succeeded').map((event) => event.stepId).sort()).toEqual(plan.steps.map((step) => step.id).sort());
    expect(result.state.steps.every((record) => record.graphRequestIds.length > 0)).toBe(true);
    expect(progress.latest()?.steps.every((record) => record.status === 'succeeded')).toBe(true);
    expect(result.state.created.map((object) => object.type).sort()).toEqual(['appRoleAssignment', 'application', 'servicePrincipal', 'user']);
  });

  it('changes nothing on a second run', async () => {
    harness = await startHarness();
    await runWith(harness, await planFor(harness));
    harness.emulator.clearRequestLog();

    const second = await planFor(harness);

    expect(second.noChanges).toBe(true);
    expect(second.steps).toEqual([]);
    expect(harness.emulator.requestLog().filter((entry) => entry.method !== 'GET' && !entry.path.includes('$batch'))).toEqual([]);
  });

  it('repairs a wrong RelayState without a second instance', async () => {
    harness = await startHarness();
    const first = await runWith(harness, await planFor(harness));
    const webinar = 'https://global.gotowebinar.com';

    const repair = await planFor(harness, { ...defaultChoices, relayState: webinar });
    expect(repair.steps.map((step) => step.id)).toEqual(['set-saml-mode']);
    const { result } = await runWith(harness, repair);

    expect(result.status).toBe('succeeded');
    expectTargetState(harness, webinar, first.result.certificate!.thumbprint);
  });

  it('repeats a finished plan without writing', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    const first = await runWith(harness, plan);
    harness.emulator.clearRequestLog();

    const again = await runWith(harness, plan, { state: { ...first.result.state, steps: [] } });

    expect(again.result.status).toBe('succeeded');
    const writes = harness.emulator.requestLog().filter((entry) => entry.method !== 'GET');
    expect(writes).toEqual([]);
    expect(applicationsOf(harness)).toHaveLength(1);
  });
});

describe('readTenantState', () => {
  it('reads with two batches and one list', async () => {
    harness = await startHarness();
    harness.emulator.clearRequestLog();
    const tenant = await readTenantState(harness.gateway, goToMeetingProfile, { testUserPrincipalName: 'B.Simon@contoso.com' });

    expect(tenant.application).toBeUndefined();
    expect(tenant.template.displayName).toBe('GoToMeeting');
    const outer = harness.emulator.requestLog().filter((entry) => entry.batchRequestId === undefined);
    expect(outer.map((entry) => `${entry.method} ${entry.path.split('?')[0]}`)).toEqual(['POST /$batch', 'POST /$batch']);
    expect(planSetup(goToMeetingProfile, defaultChoices, tenant).steps[0]?.id).toBe('instantiate');
  });
});

describe('runPlan with another gallery profile', () => {
  it('sets up AWS Single-Account Access from its profile alone', async () => {
    harness = await startHarness();
    const choices = { relayState: awsSingleAccountProfile.relayStates[0]!.url, createTestUser: false };
    const { result } = await runWith(harness, await planFor(harness, choices, awsSingleAccountProfile));

    expect(result.status).toBe('succeeded');
    const applications = applicationsOf(harness, awsSingleAccountProfile);
    expect(applications).toHaveLength(1);
    expect(applications[0]!.identifierUris).toEqual([awsSingleAccountProfile.identifierUri]);
    expect((await planFor(harness, choices, awsSingleAccountProfile)).noChanges).toBe(true);
    expect(applicationsOf(harness, goToMeetingProfile)).toHaveLength(0);
  });
});

describe('runPlan on an unconfigured gallery instance', () => {
  it('configures the instance instead of adding another', async () => {
    harness = await startHarness();
    const template = await harness.gateway.findApplicationTemplate(goToMeetingProfile.galleryNames);
    const added = await harness.gateway.instantiateTemplate(template.id!, 'GoToMeeting');

    const plan = await planFor(harness);
    expect(plan.steps.map((step) => step.id)).not.toContain('instantiate');
    expect(plan.steps.find((step) => step.id === 'set-identifier')?.requests[0]?.path).toBe(`/applications/${added.application!.id}`);
    const { result } = await runWith(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(applicationsOf(harness).map((application) => application.id)).toEqual([added.application!.id]);
    expect(result.state.created.map((object) => object.type)).not.toContain('application');
  });
});
