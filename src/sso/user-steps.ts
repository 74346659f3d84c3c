import type { User } from '@microsoft/microsoft-graph-types';
import { isDirectoryError } from '../directory/index.js';
import { pollUntilFound, type StepContext } from './run-context.js';

async function findUser(context: StepContext, userPrincipalName: string, fresh: boolean): Promise<User | undefined> {
  try {
    return await context.gateway.getUser(userPrincipalName, { ...context.call, fresh });
  } catch (error) {
    if (isDirectoryError(error, 'not_found')) return undefined;
    throw error;
  }
}

/**
 * Creates the test user unless a user with the UPN exists. The password is
 * generated here, sent once to Graph and never stored or logged; the user
 * must change it at first sign-in.
 */
export async function runCreateTestUser(context: StepContext): Promise<void> {
  const userPrincipalName = String(context.params.userPrincipalName);
  const existing = await findUser(context, userPrincipalName, false);
  if (existing?.id) {
    await context.record({ testUserId: existing.id });
    return;
  }

  const displayName = String(context.params.displayName);
  const password = context.generatePassword();
  try {
    const created = await context.gateway.createUser({
      displayName,
      mailNickname: String(context.params.mailNickname),
      userPrincipalName,
      password,
      forceChangePasswordNextSignIn: true,
    }, context.call);
    await context.record({ testUserId: created.id }, [{ type: 'user', id: created.id! }]);
    await context.handOverSecret({ kind: 'initial-password', stepId: context.step.id, userId: created.id!, userPrincipalName, displayName, password });
  } catch (error) {
    if (!isDirectoryError(error, 'unknown_outcome') && !isDirectoryError(error, 'conflict')) throw error;
    // The user may exist already: a lost response, or a create that replicated late.
    const found = await pollUntilFound(context, () => findUser(context, userPrincipalName, false));
    if (!found?.id) throw error;
    if (isDirectoryError(error, 'conflict')) {
      await context.record({ testUserId: found.id });
      return;
    }
    // The lost response was for this POST, so the user has the password just sent.
    await context.record({ testUserId: found.id }, [{ type: 'user', id: found.id }]);
    await context.handOverSecret({ kind: 'initial-password', stepId: context.step.id, userId: found.id, userPrincipalName, displayName, password });
  }
}

async function isAssigned(context: StepContext, servicePrincipalId: string, principalId: string, appRoleId: string): Promise<string | undefined> {
  const assignments = await context.gateway.listAppRoleAssignedTo(servicePrincipalId, { ...context.call, fresh: context.isFresh(servicePrincipalId) });
  return assignments.find((assignment) => assignment.principalId === principalId && assignment.appRoleId === appRoleId)?.id ?? undefined;
}

/** Assigns the user to the app role unless the assignment exists; "already exists" counts as done once a list confirms it. */
export async function runAssignUser(context: StepContext): Promise<void> {
  const servicePrincipalId = String(context.params.resourceId);
  const principalId = String(context.params.principalId);
  const appRoleId = String(context.params.appRoleId);
  if (await isAssigned(context, servicePrincipalId, principalId, appRoleId)) return;

  try {
    const freshPrincipal = context.isFresh(principalId) || context.params.freshPrincipal === true;
    // A principal created moments ago may fail with 404 as well as with "Not a valid reference update.".
    const options = { ...context.call, fresh: context.isFresh(servicePrincipalId) || freshPrincipal, freshPrincipal };
    const assignment = await context.gateway.addAppRoleAssignment(servicePrincipalId, { principalId, appRoleId }, options);
    await context.record({}, [{ type: 'appRoleAssignment', id: assignment.id!, parentId: servicePrincipalId }]);
  } catch (error) {
    if (!isDirectoryError(error, 'unknown_outcome') && !isDirectoryError(error, 'invalid_request')) throw error;
    // The list of assignments lags behind writes, both after an unknown
    // outcome and after "already exists", so it is read with backoff.
    const found = await pollUntilFound(context, () => isAssigned(context, servicePrincipalId, principalId, appRoleId));
    if (found === undefined) throw error;
    if (isDirectoryError(error, 'unknown_outcome')) await context.record({}, [{ type: 'appRoleAssignment', id: found, parentId: servicePrincipalId }]);
  }
}
