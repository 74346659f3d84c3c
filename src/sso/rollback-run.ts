import { isDirectoryError, type DirectoryGateway } from '../directory/index.js';
import type { RunLogger } from './run-context.js';
import type { CreatedObject, RunState } from './types.js';

export interface RollbackOptions {
  state: RunState;
  gateway: DirectoryGateway;
  logger: RunLogger;
}

export interface RollbackResult {
  deleted: CreatedObject[];
  /** Objects the run created that rollback leaves in place, with the reason. */
  kept: Array<{ object: CreatedObject; reason: string }>;
}

async function ignoreNotFound(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!isDirectoryError(error, 'not_found')) throw error;
  }
}

/**
 * Deletes what this run created, and nothing else.
 *
 * - The application it instantiated is deleted; Entra then removes its
 *   service principal and that principal's role assignments. A SAML service
 *   principal cannot be deleted on its own (DeletingSamlSpNotAllowed).
 * - Role assignments it added to an application it did not create are removed.
 * - Users it created are kept: a test user may already have signed in or been
 *   given other access, so deleting one is a separate, reviewed change.
 */
export async function rollbackRun(options: RollbackOptions): Promise<RollbackResult> {
  const { state, gateway, logger } = options;
  const result: RollbackResult = { deleted: [], kept: [] };
  const createdApplication = state.created.find((object) => object.type === 'application');
  const createdServicePrincipal = state.created.find((object) => object.type === 'servicePrincipal');

  for (const object of state.created.filter((candidate) => candidate.type === 'appRoleAssignment')) {
    if (createdApplication !== undefined && object.parentId === createdServicePrincipal?.id) continue;
    await ignoreNotFound(gateway.removeAppRoleAssignment(object.parentId!, object.id));
    result.deleted.push(object);
    logger.info({ assignmentId: object.id, servicePrincipalId: object.parentId }, 'rollback removed an app role assignment');
  }

  if (createdApplication !== undefined) {
    await ignoreNotFound(gateway.deleteApplication(createdApplication.id));
    result.deleted.push(createdApplication);
    if (createdServicePrincipal) result.deleted.push(createdServicePrincipal);
    result.deleted.push(...state.created.filter((object) => object.type === 'appRoleAssignment' && object.parentId === createdServicePrincipal?.id));
    logger.info({ applicationId: createdApplication.id }, 'rollback deleted the application');
  }

  for (const user of state.created.filter((object) => object.type === 'user')) {
    result.kept.push({ object: user, reason: 'Users are not deleted by a rollback; delete the test user in the Entra admin center if it is no longer needed.' });
  }
  return result;
}
