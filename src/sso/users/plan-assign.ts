import type { AppRoleAssignment, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { assignUserStep } from '../plan-steps.js';
import type { AppProfile } from '../profiles/index.js';
import type { Plan, PlanStep } from '../types.js';
import { servicePrincipalIdOf, userRoleFor } from './app-role.js';
import type { ResolvedUser } from './resolved-user.js';
import { unassignUserStep } from './unassign-step.js';
import { finishUserPlan, uniqueUsers, userLabel, type PlannedUser } from './user-plan.js';

export interface AlreadyAssigned {
  user: ResolvedUser;
  /**
   * `createdDateTime` of the assignment. Graph records when an assignment
   * was made but not who made it, so there is no "by whom" to report.
   */
  assignedAt?: string;
}

export interface AssignPlanning {
  /** `noChanges` is true when every user is already assigned. */
  plan: Plan;
  alreadyAssigned: AlreadyAssigned[];
}

export interface UnassignPlanning {
  /** `noChanges` is true when no user is assigned. */
  plan: Plan;
  notAssigned: ResolvedUser[];
}

/**
 * Plans one change request that assigns every user the profile's user role,
 * with one independent step per user. Users who already have the role are
 * reported and left out. Pure: the same inputs give the same plan and hash.
 */
export function planAssign(profile: AppProfile, servicePrincipal: ServicePrincipal | undefined, users: ResolvedUser[], currentAssignments: AppRoleAssignment[]): AssignPlanning {
  const servicePrincipalId = servicePrincipalIdOf(profile, servicePrincipal);
  const role = userRoleFor(profile, servicePrincipal!);
  const alreadyAssigned: AlreadyAssigned[] = [];
  const planned: PlannedUser[] = [];

  for (const user of uniqueUsers(users)) {
    const existing = currentAssignments.find((assignment) => assignment.principalId === user.id && assignment.appRoleId === role.id);
    if (existing !== undefined) {
      alreadyAssigned.push({ user, ...(existing.createdDateTime ? { assignedAt: existing.createdDateTime } : {}) });
    } else {
      planned.push({ ...user, stepId: `assign-user-${planned.length + 1}` });
    }
  }

  const steps = planned.map((user) => ({
    ...assignUserStep({
      stepId: user.stepId,
      servicePrincipalId,
      principalId: user.id,
      principalLabel: userLabel(user),
      appRoleId: role.id,
      roleName: role.name,
      freshPrincipal: false,
      dependsOn: [],
    }),
    title: `Assign ${userLabel(user)} the role ${role.name} in ${profile.displayName}`,
  }));
  const choices = { users: planned, roleId: role.id, roleName: role.name };
  const plan = finishUserPlan('assign-user', profile, choices, steps, `Every user named already has the role ${role.name} in ${profile.displayName}.`);
  return { plan, alreadyAssigned };
}

/**
 * Plans one change request that removes every direct assignment of each
 * user to the app, one independent step per user. Users without an
 * assignment are reported and left out.
 */
export function planUnassign(profile: AppProfile, servicePrincipal: ServicePrincipal | undefined, users: ResolvedUser[], currentAssignments: AppRoleAssignment[]): UnassignPlanning {
  const servicePrincipalId = servicePrincipalIdOf(profile, servicePrincipal);
  const notAssigned: ResolvedUser[] = [];
  const planned: PlannedUser[] = [];
  const steps: PlanStep[] = [];

  for (const user of uniqueUsers(users)) {
    const assignmentIds = currentAssignments.filter((assignment) => assignment.principalId === user.id).flatMap((assignment) => (assignment.id ? [assignment.id] : []));
    if (assignmentIds.length === 0) {
      notAssigned.push(user);
      continue;
    }
    const plannedUser = { ...user, stepId: `unassign-user-${planned.length + 1}` };
    planned.push(plannedUser);
    steps.push({
      ...unassignUserStep({ stepId: plannedUser.stepId, servicePrincipalId, principalId: user.id, principalLabel: userLabel(user), assignmentIds }),
      title: `Remove ${userLabel(user)} from ${profile.displayName}`,
    });
  }

  const plan = finishUserPlan('unassign-user', profile, { users: planned }, steps, `None of the users named is assigned to ${profile.displayName}.`);
  return { plan, notAssigned };
}
