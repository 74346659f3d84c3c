import { mirrorToServicePrincipal } from '../directory-objects.js';
import { invalidPropertyValue } from '../graph-error.js';
import { noContent, type EmulatedRequest } from '../http-types.js';
import { listCollection, readObject } from '../query-options.js';
import { applicationSpec } from '../resource-specs.js';
import type { Route, RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';
import { validateIdentifierUris } from './identifier-uris.js';
import { checkPatchBody } from './patch-body.js';

const WRITABLE = ['displayName', 'description', 'identifierUris', 'web', 'tags', 'notes', 'appRoles', 'signInAudience'];
const READ_ONLY = ['id', 'appId', 'applicationTemplateId', 'createdDateTime', 'deletedDateTime', 'publisherDomain'];
const WEB_PROPERTIES = ['redirectUris', 'logoutUrl', 'homePageUrl', 'implicitGrantSettings', 'redirectUriSettings'];

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function mergeWeb(current: JsonObject, patch: unknown): JsonObject {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw invalidPropertyValue('web', 'Application');
  }
  const web = patch as JsonObject;
  for (const name of Object.keys(web)) {
    if (!WEB_PROPERTIES.includes(name)) {
      throw invalidPropertyValue(`web.${name}`, 'Application');
    }
  }
  if (web.redirectUris !== undefined && (!Array.isArray(web.redirectUris) || !web.redirectUris.every(isUrl))) {
    throw invalidPropertyValue('web.redirectUris', 'Application');
  }
  if (web.logoutUrl !== undefined && web.logoutUrl !== null && !isUrl(web.logoutUrl)) {
    throw invalidPropertyValue('web.logoutUrl', 'Application');
  }
  return { ...current, ...structuredClone(web) };
}

function patchApplication(context: RouteContext, request: EmulatedRequest, id: string) {
  const { state } = context;
  const application = state.require('applications', id);
  const body = checkPatchBody(request.body, WRITABLE, READ_ONLY);

  const changes: JsonObject = { ...body };
  if (body.identifierUris !== undefined) {
    changes.identifierUris = validateIdentifierUris(body.identifierUris, application, state);
  }
  if (body.web !== undefined) {
    changes.web = mergeWeb(application.web as JsonObject, body.web);
  }
  Object.assign(application, structuredClone(changes));

  for (const servicePrincipal of state.servicePrincipals.values()) {
    if (servicePrincipal.appId === application.appId) {
      mirrorToServicePrincipal(application, servicePrincipal);
    }
  }
  return noContent;
}

export const applicationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/applications$/,
    handler: (context, request) => listCollection(context, request, context.state.listVisible('applications'), applicationSpec),
  },
  {
    method: 'GET',
    pattern: /^\/applications\/(?<id>[^/]+)$/,
    handler: (context, request, params) =>
      readObject(context, request, context.state.require('applications', params.id as string), applicationSpec),
  },
  {
    method: 'PATCH',
    pattern: /^\/applications\/(?<id>[^/]+)$/,
    handler: (context, request, params) => patchApplication(context, request, params.id as string),
  },
  {
    method: 'DELETE',
    pattern: /^\/applications\/(?<id>[^/]+)$/,
    handler: (context, _request, params) => {
      context.state.require('applications', params.id as string);
      context.state.deleteApplication(params.id as string);
      return noContent;
    },
  },
];
