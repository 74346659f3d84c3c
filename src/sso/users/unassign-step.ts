import { isDirectoryError } from '../../directory/index.js';
import { plannedPathSegment } from '../plan-steps.js';
import type { StepContext } from '../run-context.js';
import type { PlanStep } from '../types.js';

export interface UnassignUserInput {
  stepId: string;
  servicePrincipalId: string;
  principalId: string;
  /** Shown in the title, for example the UPN. */
  principalLabel: string;
  /** The assignments found when the plan was built, for the requests the card shows. */
  assignmentIds: string[];
}

/** Removes every direct assignment of one user to the app. */
export function unassignUserStep(input: UnassignUserInput): PlanStep {
  return {
    id: input.stepId,
    kind: 'unassign-user',
    title: `Remove ${input.principalLabel} from the app`,
    dependsOn: [],
    requests: input.assignmentIds.map((assignmentId) => ({
      method: 'DELETE' as const,
      path: `/servicePrincipals/${plannedPathSegment(input.servicePrincipalId)}/appRoleAssignedTo/${plannedPathSegment(assignmentId)}`,
    })),
    params: { servicePrincipalId: input.servicePrincipalId, principalId: input.principalId },
  };
}

/**
 * Deletes the user's assignments to the app as listed now, not as planned,
 * because they may have changed since. An assignment that is already gone
 * counts as removed, so repeating the step changes nothing.
 */
export async function runUnassignUser(context: StepContext): Promise<void> {
  const servicePrincipalId = String(context.params.servicePrincipalId);
  const principalId = String(context.params.principalId);
  const assignments = await context.gateway.listAppRoleAssignedTo(servicePrincipalId, context.call);
  const ids = assignments.filter((assignment) => assignment.principalId === principalId).flatMap((assignment) => (assignment.id ? [assignment.id] : []));

  for (const id of ids) {
    try {
      await context.gateway.removeAppRoleAssignment(servicePrincipalId, id, context.call);
    } catch (error) {
      if (!isDirectoryError(error, 'not_found')) throw error;
      context.logger.info({ stepId: context.step.id, assignmentId: id }, 'assignment was already removed');
    }
  }
}
