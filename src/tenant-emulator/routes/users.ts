import { badRequest } from '../graph-error.js';
import { created, ok, type EmulatedRequest } from '../http-types.js';
import { listCollection, readObject, selectProperties } from '../query-options.js';
import { userSpec } from '../resource-specs.js';
import { contextUrl, type Route, type RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';
import { buildUser } from './user-creation.js';

const MAXIMUM_GROUP_IDS = 20;

function createUser(context: RouteContext, request: EmulatedRequest) {
  const user = buildUser(context.state, request.body);
  context.state.created('users', user);
  const body = selectProperties(user, new URLSearchParams(), userSpec);
  return created({ '@odata.context': contextUrl(context, 'users/$entity'), ...body });
}

function checkMemberGroups(context: RouteContext, request: EmulatedRequest, idOrPrincipalName: string) {
  const user = context.state.requireUser(idOrPrincipalName);
  const groupIds = (request.body as JsonObject | null)?.groupIds;
  if (!Array.isArray(groupIds) || groupIds.some((id) => typeof id !== 'string')) {
    throw badRequest("Invalid value specified for property 'groupIds' of resource 'DirectoryObject'.");
  }
  if (groupIds.length > MAXIMUM_GROUP_IDS) {
    throw badRequest(`The groupIds collection can contain at most ${MAXIMUM_GROUP_IDS} ids.`);
  }
  const memberOf = context.state.transitiveGroupIds(user.id as string);
  return ok({
    '@odata.context': contextUrl(context, 'Collection(Edm.String)'),
    value: (groupIds as string[]).filter((id) => memberOf.has(id)),
  });
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users$/,
    handler: (context, request) => listCollection(context, request, context.state.listVisible('users'), userSpec),
  },
  {
    method: 'POST',
    pattern: /^\/users$/,
    handler: (context, request) => createUser(context, request),
  },
  {
    method: 'GET',
    pattern: /^\/users\/(?<id>[^/]+)$/,
    handler: (context, request, params) => readObject(context, request, context.state.requireUser(params.id as string), userSpec),
  },
  {
    method: 'POST',
    pattern: /^\/users\/(?<id>[^/]+)\/checkMemberGroups$/,
    handler: (context, request, params) => checkMemberGroups(context, request, params.id as string),
  },
];
