import { afterEach, describe, expect, it } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { ASSIGNMENTS_PAGE_SIZE, listAssignments, readStatus } from '../../src/sso/status/index.js';
import { BRITTA_SIMON_ID, SALES_GROUP_ID, SEAN_OBRIEN_ID } from '../../src/tenant-emulator/index.js';
import { startHarness, type Harness } from '../sso/support/engine-harness.js';
import { otherBritta, pageUsers, runUserPlan, seedWith, startWithApp, type UsersHarness } from './support/users-harness.js';

let harness: UsersHarness | Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function assign(h: UsersHarness, principalIds: string[]): Promise<void> {
  for (const principalId of principalIds) {
    await h.gateway.addAppRoleAssignment(h.servicePrincipal.id!, { principalId, appRoleId: h.userRoleId });
  }
}

describe('readStatus', () => {
  it('reads a configured app without drift', async () => {
    const h = (harness = await startWithApp());

    const status = await readStatus(h.gateway, goToMeetingProfile);

    expect(status).toMatchObject({
      configured: true,
      servicePrincipalId: h.servicePrincipal.id,
      mode: 'saml',
      identifier: goToMeetingProfile.identifierUri,
      replyUrl: goToMeetingProfile.replyUrl,
      relayState: 'https://global.gotomeeting.com',
      signOnUrl: '',
      assignedUserCount: 0,
      assignedGroupCount: 0,
      drift: [],
    });
    expect(status.repairPlan).toBeUndefined();
    expect(status.certificate?.thumbprint).toBe(h.servicePrincipal.preferredTokenSigningKeyThumbprint);
    expect(status.certificate?.daysLeft).toBeGreaterThan(1000);
  });

  it('counts assigned users and groups with names', async () => {
    const h = (harness = await startWithApp());
    await assign(h, [BRITTA_SIMON_ID, SEAN_OBRIEN_ID, SALES_GROUP_ID]);

    const status = await readStatus(h.gateway, goToMeetingProfile);

    expect(status.assignedUserCount).toBe(2);
    expect(status.assignedGroupCount).toBe(1);
    expect(status.assignedNames).toEqual(['Britta Simon', "Sean O'Brien", 'Sales']);
  });

  it('reports each drifted property and repairs it', async () => {
    const h = (harness = await startWithApp());
    const applicationId = [...h.emulator.state.applications.values()].find((application) => application.appId === h.servicePrincipal.appId)!.id as string;
    await h.gateway.patchServicePrincipal(h.servicePrincipal.id!, { samlSingleSignOnSettings: { relayState: 'https://elsewhere.example' }, loginUrl: 'https://login.elsewhere.example' });
    await h.gateway.patchApplication(applicationId, { web: { redirectUris: ['https://elsewhere.example/acs'] } });

    const drifted = await readStatus(h.gateway, goToMeetingProfile);

    expect(drifted.drift.map((item) => item.property)).toEqual(['replyUrl', 'relayState', 'signOnUrl']);
    expect(drifted.drift[0]).toMatchObject({ expected: goToMeetingProfile.replyUrl, actual: 'https://elsewhere.example/acs' });
    expect(drifted.repairPlan?.kind).toBe('repair');
    expect(drifted.repairPlan?.steps.map((step) => step.kind)).toEqual(['configure-service-principal', 'configure-application']);

    const { result } = await runUserPlan(h, drifted.repairPlan!);
    const repaired = await readStatus(h.gateway, goToMeetingProfile);

    expect(result.status).toBe('succeeded');
    expect(repaired.drift).toEqual([]);
    expect(repaired.relayState).toBe(goToMeetingProfile.relayStates[0]!.url);
    expect(repaired.signOnUrl).toBe('');
  });

  it('keeps a valid RelayState when repairing other drift', async () => {
    const h = (harness = await startWithApp());
    await h.gateway.patchServicePrincipal(h.servicePrincipal.id!, { samlSingleSignOnSettings: { relayState: 'https://global.gotowebinar.com' }, preferredSingleSignOnMode: 'password' });

    const drifted = await readStatus(h.gateway, goToMeetingProfile);

    expect(drifted.drift.map((item) => item.property)).toEqual(['mode']);
    expect(drifted.repairPlan?.steps[0]?.params.body).toEqual({ preferredSingleSignOnMode: 'saml' });
  });

  it('reports an expired certificate with a plan for a new one', async () => {
    const h = (harness = await startWithApp());

    const status = await readStatus(h.gateway, goToMeetingProfile, { now: () => new Date('2040-01-01T00:00:00Z') });

    expect(status.certificate?.daysLeft).toBeLessThan(0);
    expect(status.drift.map((item) => item.property)).toEqual(['certificate']);
    expect(status.repairPlan?.steps.map((step) => step.kind)).toEqual(['add-signing-certificate', 'activate-signing-certificate']);
  });

  it('says when the app is not set up', async () => {
    harness = await startHarness();

    const status = await readStatus(harness.gateway, goToMeetingProfile);

    expect(status.configured).toBe(false);
    expect(status.drift).toEqual([]);
    expect(status.repairPlan).toBeUndefined();
  });
});

describe('listAssignments', () => {
  it('pages through users and groups with UPNs', async () => {
    const extra = pageUsers(24);
    const h = (harness = await startWithApp({ seed: seedWith([otherBritta, ...extra]) }));
    await assign(h, [...extra.map((user) => user.id), BRITTA_SIMON_ID, SALES_GROUP_ID]);

    const first = await listAssignments(h.gateway, h.servicePrincipal.id!);
    const second = await listAssignments(h.gateway, h.servicePrincipal.id!, first.cursor);

    expect(first.entries).toHaveLength(ASSIGNMENTS_PAGE_SIZE);
    expect(first.cursor).toBeDefined();
    expect(second.entries).toHaveLength(6);
    expect(second.cursor).toBeUndefined();
    const all = [...first.entries, ...second.entries];
    expect(new Set(all.map((entry) => entry.principalId)).size).toBe(26);
    expect(all.find((entry) => entry.principalId === BRITTA_SIMON_ID)).toMatchObject({ type: 'user', displayName: 'Britta Simon', userPrincipalName: 'britta.simon@contoso.example', appRoleId: h.userRoleId });
    expect(all.find((entry) => entry.principalId === SALES_GROUP_ID)).toMatchObject({ type: 'group', displayName: 'Sales' });
    expect(all.find((entry) => entry.principalId === SALES_GROUP_ID)?.userPrincipalName).toBeUndefined();
    expect(all.every((entry) => typeof entry.assignedAt === 'string')).toBe(true);
  });

  it('returns an empty last page for an app nobody has', async () => {
    const h = (harness = await startWithApp());

    expect(await listAssignments(h.gateway, h.servicePrincipal.id!)).toEqual({ entries: [] });
  });

  it.each(['a&$filter=x', 'a b', 'x'.repeat(2049), "'; drop"])('rejects the cursor %j', async (cursor) => {
    const h = (harness = await startWithApp());

    await expect(listAssignments(h.gateway, h.servicePrincipal.id!, cursor)).rejects.toMatchObject({ code: 'invalid_cursor' });
  });
});
