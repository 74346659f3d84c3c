import { afterEach, describe, expect, it } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { prepareAssign, prepareCreateTestUser, prepareUnassign, toResolvedUser } from '../../src/sso/users/index.js';
import { BRITTA_SIMON_ID, DEMO_DEFAULT_DOMAIN } from '../../src/tenant-emulator/index.js';
import { startHarness, type Harness } from '../sso/support/engine-harness.js';
import { runUserPlan, startWithApp } from './support/users-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('prepareCreateTestUser', () => {
  it('uses the default verified domain', async () => {
    const h = (harness = await startWithApp());

    const { plan, userPrincipalName, existingUser } = await prepareCreateTestUser(h.gateway, goToMeetingProfile, 'B.Simon');

    expect(userPrincipalName).toBe(`B.Simon@${DEMO_DEFAULT_DOMAIN}`);
    expect(existingUser).toBeUndefined();
    expect(plan.steps.map((step) => step.kind)).toEqual(['create-test-user', 'assign-user']);
  });

  it('changes nothing once the user exists and is assigned', async () => {
    const h = (harness = await startWithApp());
    const first = await prepareCreateTestUser(h.gateway, goToMeetingProfile, 'B.Simon');
    await runUserPlan(h, first.plan);

    const second = await prepareCreateTestUser(h.gateway, goToMeetingProfile, 'B.Simon');

    expect(second.existingUser?.userPrincipalName).toBe(`B.Simon@${DEMO_DEFAULT_DOMAIN}`);
    expect(second.alreadyAssigned).toBe(true);
    expect(second.plan.noChanges).toBe(true);
  });

  it('rejects an invalid name before reading the tenant', async () => {
    const h = (harness = await startHarness());
    h.emulator.clearRequestLog();

    await expect(prepareCreateTestUser(h.gateway, goToMeetingProfile, 'Zoë')).rejects.toMatchObject({ code: 'invalid_test_user_name' });
    expect(h.emulator.requestLog()).toEqual([]);
  });
});

describe('prepareAssign', () => {
  it('reports an existing assignment with its date', async () => {
    const h = (harness = await startWithApp());
    const assignment = await h.gateway.addAppRoleAssignment(h.servicePrincipal.id!, { principalId: BRITTA_SIMON_ID, appRoleId: h.userRoleId });
    const britta = toResolvedUser(await h.gateway.getUser(BRITTA_SIMON_ID))!;

    const { plan, alreadyAssigned } = await prepareAssign(h.gateway, goToMeetingProfile, [britta]);
    const unassign = await prepareUnassign(h.gateway, goToMeetingProfile, [britta]);

    expect(plan.noChanges).toBe(true);
    expect(alreadyAssigned).toEqual([{ user: britta, assignedAt: assignment.createdDateTime }]);
    expect(unassign.plan.steps).toHaveLength(1);
  });

  it('rejects an app that is not set up', async () => {
    const h = (harness = await startHarness());
    const britta = toResolvedUser(await h.gateway.getUser(BRITTA_SIMON_ID))!;

    await expect(prepareAssign(h.gateway, goToMeetingProfile, [britta])).rejects.toMatchObject({ code: 'app_not_set_up' });
  });
});
