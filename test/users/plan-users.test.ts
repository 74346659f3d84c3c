import type { AppRoleAssignment, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { goToMeetingProfile, placeholders } from '../../src/sso/index.js';
import {
  DEFAULT_ACCESS_ROLE_ID,
  MAX_USERS_PER_PLAN,
  planAssign,
  planCreateTestUser,
  planUnassign,
  type ResolvedUser,
} from '../../src/sso/users/index.js';

const userRoleId = '18d14569-c3bd-439b-9a66-3a2aee01d14f';
const accessRoleId = 'b9632174-c057-4f7e-951b-be3adc52bfe6';

const servicePrincipal: ServicePrincipal = {
  id: 'sp-1',
  appId: 'app-1',
  appRoles: [
    { id: accessRoleId, displayName: 'msiam_access', isEnabled: true, allowedMemberTypes: ['User'], value: null },
    { id: userRoleId, displayName: 'User', isEnabled: true, allowedMemberTypes: ['User'], value: null },
  ],
};

const britta: ResolvedUser = { id: 'user-britta', displayName: 'Britta Simon', userPrincipalName: 'britta.simon@contoso.example' };
const sean: ResolvedUser = { id: 'user-sean', displayName: "Sean O'Brien", userPrincipalName: "sean.o'brien@contoso.example", jobTitle: 'Buyer' };
const dana: ResolvedUser = { id: 'user-dana', displayName: 'Dana Reyes', userPrincipalName: 'dana_fabrikam.example#EXT#@contoso.example', userType: 'Guest' };

function assignment(principalId: string, appRoleId: string, id = `assignment-${principalId}`): AppRoleAssignment {
  return { id, principalId, appRoleId, resourceId: 'sp-1', principalType: 'User', createdDateTime: '2026-11-02T09:30:00Z' };
}

describe('planAssign', () => {
  it('makes one independent step per user with the User role', () => {
    const { plan, alreadyAssigned } = planAssign(goToMeetingProfile, servicePrincipal, [britta, sean, dana], []);

    expect(alreadyAssigned).toEqual([]);
    expect(plan.kind).toBe('assign-user');
    expect(plan.continueAfterFailure).toBe(true);
    expect(plan.steps.map((step) => step.id)).toEqual(['assign-user-1', 'assign-user-2', 'assign-user-3']);
    expect(plan.steps.every((step) => step.dependsOn.length === 0)).toBe(true);
    expect(plan.steps.map((step) => (step.requests[0]!.body as { appRoleId: string }).appRoleId)).toEqual([userRoleId, userRoleId, userRoleId]);
    expect(plan.steps[1]!.requests[0]).toEqual({
      method: 'POST',
      path: '/servicePrincipals/sp-1/appRoleAssignedTo',
      body: { principalId: 'user-sean', resourceId: 'sp-1', appRoleId: userRoleId },
    });
  });

  it('records the users and their steps in the choices', () => {
    const { plan } = planAssign(goToMeetingProfile, servicePrincipal, [sean], []);

    expect(plan.choices).toEqual({ users: [{ ...sean, stepId: 'assign-user-1' }], roleId: userRoleId, roleName: 'User' });
    expect(plan.summary).toEqual([`Assign Sean O'Brien (sean.o'brien@contoso.example) the role User in GoToMeeting`]);
  });

  it('reports already assigned users with the date', () => {
    const { plan, alreadyAssigned } = planAssign(goToMeetingProfile, servicePrincipal, [britta, sean], [assignment('user-britta', userRoleId)]);

    expect(alreadyAssigned).toEqual([{ user: britta, assignedAt: '2026-11-02T09:30:00Z' }]);
    expect(plan.steps.map((step) => step.title)).toEqual([`Assign Sean O'Brien (sean.o'brien@contoso.example) the role User in GoToMeeting`]);
  });

  it('has no changes when everyone is assigned', () => {
    const { plan } = planAssign(goToMeetingProfile, servicePrincipal, [britta], [assignment('user-britta', userRoleId)]);

    expect(plan.noChanges).toBe(true);
    expect(plan.steps).toEqual([]);
  });

  it('assigns the User role to a user holding only another role', () => {
    const { plan, alreadyAssigned } = planAssign(goToMeetingProfile, servicePrincipal, [britta], [assignment('user-britta', accessRoleId)]);

    expect(alreadyAssigned).toEqual([]);
    expect(plan.steps).toHaveLength(1);
  });

  it('names a user once when referenced twice', () => {
    const { plan } = planAssign(goToMeetingProfile, servicePrincipal, [britta, britta], []);

    expect(plan.steps).toHaveLength(1);
  });

  it('gives the same hash for the same input', () => {
    const first = planAssign(goToMeetingProfile, servicePrincipal, [britta, sean], []).plan;
    const second = planAssign(goToMeetingProfile, servicePrincipal, [britta, sean], []).plan;
    const other = planAssign(goToMeetingProfile, servicePrincipal, [sean, britta], []).plan;

    expect(second.hash).toBe(first.hash);
    expect(other.hash).not.toBe(first.hash);
  });

  it('uses default access only without app roles', () => {
    const { plan } = planAssign(goToMeetingProfile, { id: 'sp-1', appRoles: [] }, [britta], []);

    expect((plan.steps[0]!.requests[0]!.body as { appRoleId: string }).appRoleId).toBe(DEFAULT_ACCESS_ROLE_ID);
  });

  it.each<[string, ServicePrincipal]>([
    ['no role named User', { id: 'sp-1', appRoles: [{ id: accessRoleId, displayName: 'msiam_access', isEnabled: true, allowedMemberTypes: ['User'] }] }],
    ['a disabled User role', { id: 'sp-1', appRoles: [{ id: userRoleId, displayName: 'User', isEnabled: false, allowedMemberTypes: ['User'] }] }],
    ['a User role for applications only', { id: 'sp-1', appRoles: [{ id: userRoleId, displayName: 'User', isEnabled: true, allowedMemberTypes: ['Application'] }] }],
  ])('rejects an app with %s', (_case, candidate) => {
    expect(() => planAssign(goToMeetingProfile, candidate, [britta], [])).toThrow(expect.objectContaining({ code: 'role_not_found' }));
  });

  it('rejects an app that is not set up', () => {
    expect(() => planAssign(goToMeetingProfile, undefined, [britta], [])).toThrow(expect.objectContaining({ code: 'app_not_set_up' }));
  });

  it('rejects more users than one request allows', () => {
    const many = Array.from({ length: MAX_USERS_PER_PLAN + 1 }, (_, index) => ({ ...britta, id: `user-${index}` }));

    expect(() => planAssign(goToMeetingProfile, servicePrincipal, many, [])).toThrow(expect.objectContaining({ code: 'too_many_users' }));
    expect(() => planAssign(goToMeetingProfile, servicePrincipal, [], [])).toThrow(expect.objectContaining({ code: 'no_users' }));
  });
});

describe('planUnassign', () => {
  it('deletes every assignment of each assigned user', () => {
    const current = [assignment('user-britta', userRoleId, 'a1'), assignment('user-britta', accessRoleId, 'a2'), assignment('user-sean', userRoleId, 'a3')];

    const { plan, notAssigned } = planUnassign(goToMeetingProfile, servicePrincipal, [britta, sean, dana], current);

    expect(notAssigned).toEqual([dana]);
    expect(plan.kind).toBe('unassign-user');
    expect(plan.continueAfterFailure).toBe(true);
    expect(plan.steps.map((step) => step.kind)).toEqual(['unassign-user', 'unassign-user']);
    expect(plan.steps[0]!.requests).toEqual([
      { method: 'DELETE', path: '/servicePrincipals/sp-1/appRoleAssignedTo/a1' },
      { method: 'DELETE', path: '/servicePrincipals/sp-1/appRoleAssignedTo/a2' },
    ]);
    expect(plan.steps[0]!.params).toEqual({ servicePrincipalId: 'sp-1', principalId: 'user-britta' });
  });

  it('has no changes when nobody is assigned', () => {
    const { plan, notAssigned } = planUnassign(goToMeetingProfile, servicePrincipal, [britta], []);

    expect(plan.noChanges).toBe(true);
    expect(notAssigned).toEqual([britta]);
  });
});

describe('planCreateTestUser', () => {
  it('creates the user in the default domain, then assigns it', () => {
    const { plan, userPrincipalName } = planCreateTestUser(goToMeetingProfile, servicePrincipal, { name: 'B.Simon', defaultDomain: 'contoso.example', currentAssignments: [] });

    expect(userPrincipalName).toBe('B.Simon@contoso.example');
    expect(plan.kind).toBe('create-test-user');
    expect(plan.steps.map((step) => step.kind)).toEqual(['create-test-user', 'assign-user']);
    const assign = plan.steps[1]!;
    expect(assign.dependsOn).toEqual(['create-test-user']);
    expect(assign.params).toMatchObject({ principalId: placeholders.testUserId, appRoleId: userRoleId, freshPrincipal: true });
  });

  it('shows only a placeholder for the password', () => {
    const { plan } = planCreateTestUser(goToMeetingProfile, servicePrincipal, { name: 'B.Simon', defaultDomain: 'contoso.example', currentAssignments: [] });

    const body = plan.steps[0]!.requests[0]!.body as { passwordProfile: Record<string, unknown> };
    expect(body.passwordProfile).toEqual({ forceChangePasswordNextSignIn: true, password: placeholders.generatedPassword });
    expect(JSON.stringify(plan.steps[0]!.params)).not.toMatch(/password/i);
  });

  it('only assigns a user that already exists', () => {
    const existing: ResolvedUser = { id: 'user-b', displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.example' };

    const { plan, existingUser, alreadyAssigned } = planCreateTestUser(goToMeetingProfile, servicePrincipal, {
      name: 'B.Simon', defaultDomain: 'contoso.example', existingUser: existing, currentAssignments: [],
    });

    expect(existingUser).toEqual(existing);
    expect(alreadyAssigned).toBe(false);
    expect(plan.steps.map((step) => step.kind)).toEqual(['assign-user']);
    expect(plan.steps[0]!.params).toMatchObject({ principalId: 'user-b', freshPrincipal: false });
  });

  it('has no changes when the user exists and is assigned', () => {
    const existing: ResolvedUser = { id: 'user-b', displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.example' };

    const { plan, alreadyAssigned } = planCreateTestUser(goToMeetingProfile, servicePrincipal, {
      name: 'B.Simon', defaultDomain: 'contoso.example', existingUser: existing, currentAssignments: [assignment('user-b', userRoleId)],
    });

    expect(alreadyAssigned).toBe(true);
    expect(plan.noChanges).toBe(true);
  });

  it.each(['Zoë', 'B Simon', '.BSimon', 'B..Simon', 'B.Simon.', '', 'a'.repeat(65), 'x@y'])('rejects the name %j', (name) => {
    expect(() => planCreateTestUser(goToMeetingProfile, servicePrincipal, { name, defaultDomain: 'contoso.example', currentAssignments: [] }))
      .toThrow(expect.objectContaining({ code: 'invalid_test_user_name' }));
  });

  it.each(["O'Brien", 'test_user-1', 'B.Simon'])('accepts the name %j', (name) => {
    const { userPrincipalName } = planCreateTestUser(goToMeetingProfile, servicePrincipal, { name, defaultDomain: 'contoso.example', currentAssignments: [] });

    expect(userPrincipalName).toBe(`${name}@contoso.example`);
  });
});
