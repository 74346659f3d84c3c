import { newGalleryPair } from '../directory-objects.js';
import { badRequest, notFound } from '../graph-error.js';
import { created, type EmulatedRequest } from '../http-types.js';
import { listCollection, readObject } from '../query-options.js';
import { templateSpec } from '../resource-specs.js';
import { contextUrl, type Route, type RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';

function requireTemplate(context: RouteContext, id: string): JsonObject {
  const template = context.state.templates.get(id);
  if (template === undefined) {
    throw notFound(id);
  }
  return template;
}

function instantiate(context: RouteContext, request: EmulatedRequest, templateId: string) {
  const template = requireTemplate(context, templateId);
  const body = (request.body ?? {}) as JsonObject;
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
    throw badRequest("Invalid value specified for property 'displayName' of resource 'ApplicationTemplate'.");
  }

  const { state } = context;
  const defaultDomain = state.verifiedDomains.find((domain) => domain.isDefault)?.name ?? '';
  const { application, servicePrincipal } = newGalleryPair(template, body.displayName, state.tenantId, defaultDomain);
  state.created('applications', application);
  state.created('servicePrincipals', servicePrincipal);

  return created({
    '@odata.context': contextUrl(context, 'microsoft.graph.applicationServicePrincipal'),
    application: structuredClone(application),
    servicePrincipal: structuredClone(servicePrincipal),
  });
}

export const templateRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/applicationTemplates$/,
    handler: (context, request) => listCollection(context, request, [...context.state.templates.values()], templateSpec),
  },
  {
    method: 'GET',
    pattern: /^\/applicationTemplates\/(?<id>[^/]+)$/,
    handler: (context, request, params) => readObject(context, request, requireTemplate(context, params.id as string), templateSpec),
  },
  {
    method: 'POST',
    pattern: /^\/applicationTemplates\/(?<id>[^/]+)\/instantiate$/,
    handler: (context, request, params) => instantiate(context, request, params.id as string),
  },
];
