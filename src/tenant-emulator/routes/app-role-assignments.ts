import { randomBytes } from 'node:crypto';
import { badRequest, notFound } from '../graph-error.js';
import { created, noContent, type EmulatedRequest } from '../http-types.js';
import { listCollection, selectProperties } from '../query-options.js';
import { assignmentSpec } from '../resource-specs.js';
import { contextUrl, type Route, type RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';

// POST /servicePrincipals/{id}/appRoleAssignedTo. The role must be one of the
// service principal's app roles; the all-zero "default access" id is valid
// only when it has none. A principal that exists but has not replicated yet
// fails with "Not a valid reference update.", as Entra reports it.

const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

function notValidReference() {
  return badRequest('Not a valid reference update.');
}

function checkRole(servicePrincipal: JsonObject, appRoleId: unknown): void {
  const roles = servicePrincipal.appRoles as JsonObject[];
  const valid =
    roles.length === 0
      ? appRoleId === DEFAULT_ACCESS_ROLE_ID
      : roles.some((role) => role.id === appRoleId && role.isEnabled === true && (role.allowedMemberTypes as string[]).includes('User'));
  if (!valid) {
    // NOTE: Entra's exact message for an unknown role is not documented; this one is what public client code expects.
    throw badRequest(`Permission being assigned was not found on application '${String(servicePrincipal.appId)}'.`);
  }
}

function findPrincipal(context: RouteContext, principalId: unknown): { principal: JsonObject; type: 'User' | 'Group' } {
  if (typeof principalId !== 'string') {
    throw badRequest("Invalid value specified for property 'principalId' of resource 'AppRoleAssignment'.");
  }
  const user = context.state.users.get(principalId);
  const group = context.state.groups.get(principalId);
  const principal = user ?? group;
  if (principal === undefined) {
    throw notFound(principalId);
  }
  if (context.state.replication.check(principalId)) {
    throw notValidReference();
  }
  return { principal, type: user !== undefined ? 'User' : 'Group' };
}

function assign(context: RouteContext, request: EmulatedRequest, servicePrincipalId: string) {
  const { state } = context;
  const servicePrincipal = state.require('servicePrincipals', servicePrincipalId);
  const body = (request.body ?? {}) as JsonObject;
  if (body.resourceId !== servicePrincipalId) {
    throw notValidReference();
  }
  const { principal, type } = findPrincipal(context, body.principalId);
  checkRole(servicePrincipal, body.appRoleId);

  const duplicate = [...state.assignments.values()].some(
    (existing) => existing.resourceId === servicePrincipalId && existing.principalId === principal.id && existing.appRoleId === body.appRoleId,
  );
  if (duplicate) {
    throw badRequest('Permission being assigned already exists on the object.');
  }

  const assignment: JsonObject = {
    id: randomBytes(32).toString('base64url').slice(0, 43),
    appRoleId: body.appRoleId,
    createdDateTime: new Date().toISOString(),
    deletedDateTime: null,
    principalDisplayName: principal.displayName,
    principalId: principal.id,
    principalType: type,
    resourceDisplayName: servicePrincipal.displayName,
    resourceId: servicePrincipalId,
  };
  state.created('assignments', assignment);
  return created({
    '@odata.context': contextUrl(context, `servicePrincipals('${servicePrincipalId}')/appRoleAssignedTo/$entity`),
    ...selectProperties(assignment, new URLSearchParams(), assignmentSpec),
  });
}

function list(context: RouteContext, request: EmulatedRequest, servicePrincipalId: string) {
  context.state.require('servicePrincipals', servicePrincipalId);
  // Graph documents that a list may miss recently granted assignments, so new ones lag like new objects.
  const assignments = context.state.listVisible('assignments').filter((assignment) => assignment.resourceId === servicePrincipalId);
  return listCollection(context, request, assignments, assignmentSpec);
}

function remove(context: RouteContext, servicePrincipalId: string, assignmentId: string) {
  context.state.require('servicePrincipals', servicePrincipalId);
  const assignment = context.state.assignments.get(assignmentId);
  if (assignment?.resourceId !== servicePrincipalId) {
    throw notFound(assignmentId);
  }
  context.state.assignments.delete(assignmentId);
  return noContent;
}

export const assignmentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)\/appRoleAssignedTo$/,
    handler: (context, request, params) => list(context, request, params.id as string),
  },
  {
    method: 'POST',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)\/appRoleAssignedTo$/,
    handler: (context, request, params) => assign(context, request, params.id as string),
  },
  {
    method: 'DELETE',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)\/appRoleAssignedTo\/(?<assignmentId>[^/]+)$/,
    handler: (context, _request, params) => remove(context, params.id as string, params.assignmentId as string),
  },
];
