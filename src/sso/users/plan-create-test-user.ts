import type { AppRoleAssignment, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { assignUserStep, createTestUserStep, placeholders } from '../plan-steps.js';
import type { AppProfile } from '../profiles/index.js';
import type { Plan, PlanStep } from '../types.js';
import { servicePrincipalIdOf, userRoleFor } from './app-role.js';
import type { ResolvedUser } from './resolved-user.js';
import { mailNicknameFor, validateTestUserName } from './test-user-name.js';
import { finishUserPlan } from './user-plan.js';

export interface CreateTestUserInput {
  /** The part of the UPN before the `@`, for example `B.Simon`; also the display name. */
  name: string;
  /** The tenant's default verified domain (`organization.verifiedDomains` with `isDefault`). */
  defaultDomain: string;
  /** The user that already has the UPN, if any; the plan then only assigns it. */
  existingUser?: ResolvedUser;
  currentAssignments: AppRoleAssignment[];
}

export interface CreateTestUserPlanning {
  plan: Plan;
  userPrincipalName: string;
  /** Set when a user with the UPN exists, so no user and no password are created. */
  existingUser?: ResolvedUser;
  /** True when the existing user already has the role; the plan then has no steps. */
  alreadyAssigned: boolean;
}

/** The step id whose result a card shows on the test user's row. */
export const TEST_USER_ASSIGN_STEP_ID = 'assign-test-user';

/**
 * Plans creating a test user in the default verified domain and assigning it
 * the user role. The runner generates the password when the step runs and the
 * user must change it at first sign-in. The plan shows only a placeholder, so
 * the password is in no plan, hash or change request.
 */
export function planCreateTestUser(profile: AppProfile, servicePrincipal: ServicePrincipal | undefined, input: CreateTestUserInput): CreateTestUserPlanning {
  validateTestUserName(input.name);
  const servicePrincipalId = servicePrincipalIdOf(profile, servicePrincipal);
  const role = userRoleFor(profile, servicePrincipal!);
  const userPrincipalName = `${input.name}@${input.defaultDomain}`;
  const existing = input.existingUser;
  const alreadyAssigned = existing !== undefined && input.currentAssignments.some((assignment) => assignment.principalId === existing.id && assignment.appRoleId === role.id);

  const steps: PlanStep[] = [];
  if (existing === undefined) {
    steps.push(createTestUserStep({ userPrincipalName, displayName: input.name, mailNickname: mailNicknameFor(input.name) }));
  }
  if (!alreadyAssigned) {
    steps.push(assignUserStep({
      stepId: TEST_USER_ASSIGN_STEP_ID,
      servicePrincipalId,
      principalId: existing?.id ?? placeholders.testUserId,
      principalLabel: userPrincipalName,
      appRoleId: role.id,
      roleName: role.name,
      freshPrincipal: existing === undefined,
      dependsOn: steps.map((step) => step.id),
    }));
  }

  const user = { id: existing?.id ?? placeholders.testUserId, displayName: existing?.displayName ?? input.name, userPrincipalName, stepId: TEST_USER_ASSIGN_STEP_ID };
  const choices = { testUserName: input.name, userPrincipalName, users: [user], roleId: role.id, roleName: role.name };
  const plan = finishUserPlan('create-test-user', profile, choices, steps, `${userPrincipalName} already exists and has the role ${role.name} in ${profile.displayName}.`);
  return { plan, userPrincipalName, ...(existing ? { existingUser: existing } : {}), alreadyAssigned };
}
