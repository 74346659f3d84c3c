import { badRequest, GraphRequestError, invalidPropertyValue } from '../graph-error.js';
import { noContent, type EmulatedRequest } from '../http-types.js';
import { listCollection, readObject } from '../query-options.js';
import { servicePrincipalSpec } from '../resource-specs.js';
import type { Route, RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';
import { checkPatchBody } from './patch-body.js';
import { addTokenSigningCertificate, findSigningKey } from './signing-certificates.js';

const WRITABLE = [
  'preferredSingleSignOnMode', 'samlSingleSignOnSettings', 'loginUrl', 'logoutUrl', 'notificationEmailAddresses',
  'preferredTokenSigningKeyThumbprint', 'appRoleAssignmentRequired', 'tags', 'accountEnabled', 'homepage',
  'displayName', 'description', 'notes',
];
const READ_ONLY = [
  'id', 'appId', 'appDisplayName', 'applicationTemplateId', 'appOwnerOrganizationId', 'appRoles', 'deletedDateTime',
  'preferredTokenSigningKeyEndDateTime', 'replyUrls', 'servicePrincipalNames', 'servicePrincipalType', 'keyCredentials',
];
const SSO_MODES = ['password', 'saml', 'notSupported', 'oidc'];
const MAXIMUM_NOTIFICATION_ADDRESSES = 5;

function isOptionalUrl(value: unknown): boolean {
  return value === null || (typeof value === 'string' && URL.canParse(value));
}

function checkSamlSettings(value: unknown): void {
  if (value === null) {
    return;
  }
  const settings = value as JsonObject;
  const valid =
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(settings).every((name) => name === 'relayState' || name.startsWith('@odata.')) &&
    (settings.relayState === undefined || isOptionalUrl(settings.relayState));
  if (!valid) {
    throw invalidPropertyValue('samlSingleSignOnSettings', 'ServicePrincipal');
  }
}

function checkValues(body: JsonObject): void {
  if (body.preferredSingleSignOnMode !== undefined && body.preferredSingleSignOnMode !== null && !SSO_MODES.includes(body.preferredSingleSignOnMode as string)) {
    throw invalidPropertyValue('preferredSingleSignOnMode', 'ServicePrincipal');
  }
  if (body.samlSingleSignOnSettings !== undefined) {
    checkSamlSettings(body.samlSingleSignOnSettings);
  }
  for (const name of ['loginUrl', 'logoutUrl']) {
    if (body[name] !== undefined && !isOptionalUrl(body[name])) {
      throw invalidPropertyValue(name, 'ServicePrincipal');
    }
  }
  const addresses = body.notificationEmailAddresses;
  if (
    addresses !== undefined &&
    (!Array.isArray(addresses) || addresses.length > MAXIMUM_NOTIFICATION_ADDRESSES || !addresses.every((address) => typeof address === 'string' && /^[^@\s]+@[^@\s]+$/.test(address)))
  ) {
    throw invalidPropertyValue('notificationEmailAddresses', 'ServicePrincipal');
  }
}

function applySigningKey(servicePrincipal: JsonObject, thumbprint: unknown): void {
  if (thumbprint === null) {
    servicePrincipal.preferredTokenSigningKeyEndDateTime = null;
    return;
  }
  const key = typeof thumbprint === 'string' && /^[0-9A-Fa-f]{40}$/.test(thumbprint) ? findSigningKey(servicePrincipal, thumbprint) : undefined;
  if (key === undefined) {
    throw badRequest(`The thumbprint '${String(thumbprint)}' does not match any token signing certificate of the service principal.`);
  }
  servicePrincipal.preferredTokenSigningKeyEndDateTime = key.endDateTime;
}

function patchServicePrincipal(context: RouteContext, request: EmulatedRequest, id: string) {
  const { state } = context;
  const servicePrincipal = state.require('servicePrincipals', id);
  const body = checkPatchBody(request.body, WRITABLE, READ_ONLY);
  checkValues(body);

  const changes = structuredClone(body);
  if (changes.preferredTokenSigningKeyThumbprint !== undefined) {
    applySigningKey(servicePrincipal, changes.preferredTokenSigningKeyThumbprint);
    if (typeof changes.preferredTokenSigningKeyThumbprint === 'string') {
      changes.preferredTokenSigningKeyThumbprint = changes.preferredTokenSigningKeyThumbprint.toUpperCase();
    }
  }
  const switchesToSaml = changes.preferredSingleSignOnMode === 'saml' && servicePrincipal.preferredSingleSignOnMode !== 'saml';
  Object.assign(servicePrincipal, changes);
  if (switchesToSaml) {
    state.samlSwitch.start(id);
  }
  return noContent;
}

function deleteServicePrincipal(context: RouteContext, id: string) {
  const servicePrincipal = context.state.require('servicePrincipals', id);
  if (servicePrincipal.preferredSingleSignOnMode === 'saml') {
    throw new GraphRequestError(
      400,
      'DeletingSamlSpNotAllowed',
      'A service principal that uses SAML single sign-on cannot be deleted directly. Delete its application instead.',
    );
  }
  context.state.deleteServicePrincipal(id);
  return noContent;
}

export const servicePrincipalRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/servicePrincipals$/,
    handler: (context, request) => listCollection(context, request, context.state.listVisible('servicePrincipals'), servicePrincipalSpec),
  },
  {
    method: 'GET',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)$/,
    handler: (context, request, params) =>
      readObject(context, request, context.state.require('servicePrincipals', params.id as string), servicePrincipalSpec),
  },
  {
    method: 'PATCH',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)$/,
    handler: (context, request, params) => patchServicePrincipal(context, request, params.id as string),
  },
  {
    method: 'DELETE',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)$/,
    handler: (context, _request, params) => deleteServicePrincipal(context, params.id as string),
  },
  {
    // Removing a key that addTokenSigningCertificate created fails with 500 in Entra, so rotation means add and switch.
    method: 'POST',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)\/(?:removeKey|removePassword)$/,
    handler: (context, _request, params) => {
      context.state.require('servicePrincipals', params.id as string);
      throw new GraphRequestError(500, 'generalException', 'An error occurred while processing this request.');
    },
  },
  {
    method: 'POST',
    pattern: /^\/servicePrincipals\/(?<id>[^/]+)\/addTokenSigningCertificate$/,
    handler: (context, request, params) => addTokenSigningCertificate(context, request, params.id as string),
  },
];
