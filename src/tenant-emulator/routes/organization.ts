import { notFound } from '../graph-error.js';
import { ok, type EmulatedRequest } from '../http-types.js';
import { listCollection, type CollectionSpec } from '../query-options.js';
import { groupMemberSpec } from '../resource-specs.js';
import { contextUrl, type Route, type RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';

const organizationSpec: CollectionSpec = {
  resource: 'Organization',
  typeName: 'organization',
  contextFragment: 'organization',
  properties: ['id', 'displayName', 'verifiedDomains', 'tenantType'],
};

function organization(context: RouteContext, request: EmulatedRequest) {
  const { state } = context;
  const record: JsonObject = {
    id: state.tenantId,
    displayName: state.displayName,
    tenantType: 'AAD',
    verifiedDomains: state.verifiedDomains.map((domain) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: domain.isDefault,
      isInitial: domain.isInitial,
      name: domain.name,
      type: 'Managed',
    })),
  };
  return listCollection(context, request, [record], organizationSpec);
}

function groupMembers(context: RouteContext, request: EmulatedRequest, groupId: string) {
  const group = context.state.groups.get(groupId);
  if (group === undefined) {
    throw notFound(groupId);
  }
  const members = (group.memberIds as string[]).flatMap((id) => {
    const user = context.state.users.get(id);
    if (user !== undefined) {
      return [{ '@odata.type': '#microsoft.graph.user', ...user }];
    }
    const nested = context.state.groups.get(id);
    return nested === undefined ? [] : [{ '@odata.type': '#microsoft.graph.group', id: nested.id, displayName: nested.displayName }];
  });
  return listCollection(context, request, members, groupMemberSpec);
}

export const organizationRoutes: Route[] = [
  { method: 'GET', pattern: /^\/organization$/, handler: organization },
  {
    method: 'GET',
    pattern: /^\/groups\/(?<id>[^/]+)$/,
    handler: (context, _request, params) => {
      const group = context.state.groups.get(params.id as string);
      if (group === undefined) {
        throw notFound(params.id as string);
      }
      return ok({ '@odata.context': contextUrl(context, 'groups/$entity'), id: group.id, displayName: group.displayName });
    },
  },
  {
    method: 'GET',
    pattern: /^\/groups\/(?<id>[^/]+)\/members$/,
    handler: (context, request, params) => groupMembers(context, request, params.id as string),
  },
];
