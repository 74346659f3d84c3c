import type { DirectoryGateway } from '../../directory/index.js';
import type { AppProfile } from '../profiles/index.js';
import { readTenantState } from '../tenant-state.js';
import { userRoleFor } from './app-role.js';
import { planAssign, planUnassign, type AssignPlanning, type UnassignPlanning } from './plan-assign.js';
import { planCreateTestUser, type CreateTestUserPlanning } from './plan-create-test-user.js';
import { toResolvedUser, type ResolvedUser } from './resolved-user.js';
import { validateTestUserName } from './test-user-name.js';

/** Reads the app's service principal and assignments, then plans assigning `users`. */
export async function prepareAssign(gateway: DirectoryGateway, profile: AppProfile, users: ResolvedUser[], now?: () => Date): Promise<AssignPlanning> {
  const tenant = await readTenantState(gateway, profile, { now });
  return planAssign(profile, tenant.servicePrincipal, users, tenant.assignments);
}

/**
 * Returns which of `userIds` already have the profile's user role, mapped to
 * the assignment's `createdDateTime` (an empty string when Graph gave none).
 * Returns an empty map while the app is not set up.
 */
export async function readUsersWithAccess(gateway: DirectoryGateway, profile: AppProfile, userIds: string[], now?: () => Date): Promise<Map<string, string>> {
  const tenant = await readTenantState(gateway, profile, { now });
  if (tenant.servicePrincipal === undefined || userIds.length === 0) return new Map();

  const role = userRoleFor(profile, tenant.servicePrincipal);
  const requestedIds = new Set(userIds);
  const found = tenant.assignments.filter((assignment) => assignment.appRoleId === role.id && requestedIds.has(assignment.principalId ?? ''));
  return new Map(found.map((assignment) => [assignment.principalId!, assignment.createdDateTime ?? '']));
}

/** Reads the app's service principal and assignments, then plans removing `users`. */
export async function prepareUnassign(gateway: DirectoryGateway, profile: AppProfile, users: ResolvedUser[], now?: () => Date): Promise<UnassignPlanning> {
  const tenant = await readTenantState(gateway, profile, { now });
  return planUnassign(profile, tenant.servicePrincipal, users, tenant.assignments);
}

/**
 * Checks the name, reads the tenant (default domain, the app, its
 * assignments and any user that already has the UPN) in the same batches,
 * then plans creating and assigning the test user.
 */
export async function prepareCreateTestUser(gateway: DirectoryGateway, profile: AppProfile, name: string, now?: () => Date): Promise<CreateTestUserPlanning> {
  validateTestUserName(name);
  const tenant = await readTenantState(gateway, profile, { testUserName: name, now });
  const existingUser = tenant.testUser === undefined ? undefined : toResolvedUser(tenant.testUser);
  return planCreateTestUser(profile, tenant.servicePrincipal, {
    name,
    defaultDomain: tenant.defaultDomain,
    ...(existingUser ? { existingUser } : {}),
    currentAssignments: tenant.assignments,
  });
}
