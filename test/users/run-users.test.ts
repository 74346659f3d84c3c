import { afterEach, describe, expect, it } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { generatePassword, planAssign, planCreateTestUser, planUnassign, toResolvedUser, type ResolvedUser } from '../../src/sso/users/index.js';
import { BRIAN_SIMON_ID, BRITTA_SIMON_ID, DEMO_DEFAULT_DOMAIN, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID } from '../../src/tenant-emulator/index.js';
import { collectingLogger } from './support/log-lines.js';
import { runUserPlan, startWithApp, type UsersHarness } from './support/users-harness.js';

let harness: UsersHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function users(h: UsersHarness, ids: string[]): Promise<ResolvedUser[]> {
  return Promise.all(ids.map(async (id) => toResolvedUser(await h.gateway.getUser(id))!));
}

function assignmentsOf(h: UsersHarness, principalId: string) {
  return [...h.emulator.state.assignments.values()].filter((assignment) => assignment.principalId === principalId && assignment.resourceId === h.servicePrincipal.id);
}

async function currentAssignments(h: UsersHarness) {
  return h.gateway.listAppRoleAssignedTo(h.servicePrincipal.id!);
}

describe('assign-user run', () => {
  it('assigns several users with the User role', async () => {
    harness = await startWithApp();
    const { plan } = planAssign(goToMeetingProfile, harness.servicePrincipal, await users(harness, [BRITTA_SIMON_ID, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID]), []);

    const { result } = await runUserPlan(harness, plan);

    expect(result.status).toBe('succeeded');
    for (const id of [BRITTA_SIMON_ID, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID]) {
      expect(assignmentsOf(harness, id).map((assignment) => assignment.appRoleId)).toEqual([harness.userRoleId]);
    }
  });

  it("reports every user's result when one fails", async () => {
    harness = await startWithApp();
    const { plan } = planAssign(goToMeetingProfile, harness.servicePrincipal, await users(harness, [BRITTA_SIMON_ID, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID]), []);
    harness.emulator.setFaults([{ method: 'POST', path: '/servicePrincipals/*/appRoleAssignedTo', kind: 'status', status: 503, nth: 2 }]);

    const { result, events } = await runUserPlan(harness, plan);

    expect(result.status).toBe('failed');
    const statuses = result.state.steps.map((record) => record.status).sort();
    expect(statuses).toEqual(['failed', 'succeeded', 'succeeded']);
    const failed = result.state.steps.find((record) => record.status === 'failed')!;
    expect(failed.failure?.code).toBe('unknown_outcome');
    expect(events.filter((event) => event.type === 'step-succeeded')).toHaveLength(2);
    const assigned = [BRITTA_SIMON_ID, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID].filter((id) => assignmentsOf(harness!, id).length === 1);
    expect(assigned).toHaveLength(2);
  });

  it('counts a lost response as success once the list shows it', async () => {
    harness = await startWithApp();
    const { plan } = planAssign(goToMeetingProfile, harness.servicePrincipal, await users(harness, [BRIAN_SIMON_ID]), []);
    harness.emulator.setFaults([{ method: 'POST', path: '/servicePrincipals/*/appRoleAssignedTo', kind: 'drop', drop: 'after', nth: 1 }]);

    const { result } = await runUserPlan(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(assignmentsOf(harness, BRIAN_SIMON_ID)).toHaveLength(1);
    expect(result.state.created.map((object) => object.type)).toEqual(['appRoleAssignment']);
  });

  it('changes nothing when the user was assigned meanwhile', async () => {
    harness = await startWithApp();
    const { plan } = planAssign(goToMeetingProfile, harness.servicePrincipal, await users(harness, [BRIAN_SIMON_ID]), []);
    await harness.gateway.addAppRoleAssignment(harness.servicePrincipal.id!, { principalId: BRIAN_SIMON_ID, appRoleId: harness.userRoleId });
    harness.emulator.clearRequestLog();

    const { result } = await runUserPlan(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(assignmentsOf(harness, BRIAN_SIMON_ID)).toHaveLength(1);
    expect(harness.emulator.requestLog().filter((entry) => entry.method === 'POST')).toEqual([]);
  });
});

describe('unassign-user run', () => {
  it('removes the assignments and repeats harmlessly', async () => {
    harness = await startWithApp();
    for (const id of [BRITTA_SIMON_ID, SEAN_OBRIEN_ID]) {
      await harness.gateway.addAppRoleAssignment(harness.servicePrincipal.id!, { principalId: id, appRoleId: harness.userRoleId });
    }
    const { plan, notAssigned } = planUnassign(goToMeetingProfile, harness.servicePrincipal, await users(harness, [BRITTA_SIMON_ID, SEAN_OBRIEN_ID, ZOE_FERREIRA_ID]), await currentAssignments(harness));

    const first = await runUserPlan(harness, plan);
    const second = await runUserPlan(harness, plan);

    expect(notAssigned.map((user) => user.id)).toEqual([ZOE_FERREIRA_ID]);
    expect(first.result.status).toBe('succeeded');
    expect(second.result.status).toBe('succeeded');
    expect(assignmentsOf(harness, BRITTA_SIMON_ID)).toEqual([]);
    expect(assignmentsOf(harness, SEAN_OBRIEN_ID)).toEqual([]);
  });

  it('treats an assignment deleted meanwhile as removed', async () => {
    harness = await startWithApp();
    const added = await harness.gateway.addAppRoleAssignment(harness.servicePrincipal.id!, { principalId: BRITTA_SIMON_ID, appRoleId: harness.userRoleId });
    const { plan } = planUnassign(goToMeetingProfile, harness.servicePrincipal, await users(harness, [BRITTA_SIMON_ID]), await currentAssignments(harness));
    // The list still shows the assignment, but the delete finds it gone.
    harness.emulator.setFaults([{ method: 'DELETE', path: '/servicePrincipals/*/appRoleAssignedTo/*', kind: 'status', status: 503, nth: 1 }]);
    await harness.gateway.removeAppRoleAssignment(harness.servicePrincipal.id!, added.id!);

    const { result } = await runUserPlan(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(assignmentsOf(harness, BRITTA_SIMON_ID)).toEqual([]);
  });
});

describe('create-test-user run', () => {
  it('hands the password over once and logs it nowhere', async () => {
    harness = await startWithApp({ replicationLag: { calls: 2 } });
    const { plan, userPrincipalName } = planCreateTestUser(goToMeetingProfile, harness.servicePrincipal, { name: 'B.Simon', defaultDomain: DEMO_DEFAULT_DOMAIN, currentAssignments: [] });
    const generated: string[] = [];
    const { logger, lines } = collectingLogger();

    const outcome = await runUserPlan(harness, plan, {
      logger,
      generatePassword: () => {
        const password = generatePassword();
        generated.push(password);
        return password;
      },
    });

    expect(outcome.result.status).toBe('succeeded');
    expect(generated).toHaveLength(1);
    const password = generated[0]!;
    expect(outcome.secrets).toHaveLength(1);
    expect(outcome.secrets[0]).toMatchObject({ kind: 'initial-password', userPrincipalName, displayName: 'B.Simon', password });

    const user = [...harness.emulator.state.users.values()].find((candidate) => candidate.userPrincipalName === userPrincipalName)!;
    expect(outcome.secrets[0]!.userId).toBe(user.id);
    expect(assignmentsOf(harness, user.id as string).map((assignment) => assignment.appRoleId)).toEqual([harness.userRoleId]);

    const postUser = harness.emulator.requestLog().find((entry) => entry.method === 'POST' && entry.path === '/users')!;
    expect(postUser.body).toMatchObject({ passwordProfile: { forceChangePasswordNextSignIn: true } });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes(password))).toEqual([]);
    expect(JSON.stringify(plan)).not.toContain(password);
    expect(JSON.stringify(outcome.progress.saves)).not.toContain(password);
    expect(JSON.stringify(outcome.events)).not.toContain(password);
    expect(JSON.stringify(outcome.result.state)).not.toContain(password);
  });

  it('retries the assignment while the new user replicates', async () => {
    harness = await startWithApp({ replicationLag: { calls: 3 } });
    const { plan } = planCreateTestUser(goToMeetingProfile, harness.servicePrincipal, { name: 'B.Simon', defaultDomain: DEMO_DEFAULT_DOMAIN, currentAssignments: [] });
    harness.retries.length = 0;

    const { result } = await runUserPlan(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(harness.retries.some((notice) => notice.reason === 'the new user has not replicated yet')).toBe(true);
  });

  it('hands over no password for an existing user', async () => {
    harness = await startWithApp();
    await harness.gateway.createUser({ displayName: 'B.Simon', mailNickname: 'B.Simon', userPrincipalName: `B.Simon@${DEMO_DEFAULT_DOMAIN}`, password: generatePassword(), forceChangePasswordNextSignIn: true });
    // Planned before the user existed, so the plan still creates it.
    const { plan } = planCreateTestUser(goToMeetingProfile, harness.servicePrincipal, { name: 'B.Simon', defaultDomain: DEMO_DEFAULT_DOMAIN, currentAssignments: [] });

    const { result, secrets } = await runUserPlan(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(secrets).toEqual([]);
  });
});
