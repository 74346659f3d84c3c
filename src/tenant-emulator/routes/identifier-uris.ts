import { badRequest, GraphRequestError, objectConflict } from '../graph-error.js';
import type { TenantState } from '../tenant-state.js';
import type { JsonObject } from '../types.js';

// Entra's checks on `identifierUris`, in the order the emulator applies them:
// 1. the value must be an absolute URI without a trailing slash;
// 2. a newly added URI must use a verified domain (or `api://` with the app
//    or tenant id) unless the service principal's preferredSingleSignOnMode
//    is `saml`, because the identifier-URI policy exempts SAML apps;
// 3. the URI must not belong to another application in the tenant.

function invalidAlias(uri: string): GraphRequestError {
  return badRequest(`Application alias '${uri}' value is invalid.`);
}

function checkFormat(uri: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw invalidAlias(uri);
  }
  if (uri.endsWith('/') || /\s/.test(uri)) {
    throw invalidAlias(uri);
  }
  return parsed;
}

function isDefaultScheme(parsed: URL, application: JsonObject, state: TenantState): boolean {
  if (parsed.protocol !== 'api:') {
    return false;
  }
  const target = parsed.host === '' ? parsed.pathname.replace(/^\/\//, '').split('/')[0] : parsed.host;
  return target === application.appId || target === state.tenantId;
}

/** Returns whether the application's service principal runs in SAML mode, counting the switch lag. */
function usesSamlMode(state: TenantState, application: JsonObject): boolean {
  const servicePrincipal = [...state.servicePrincipals.values()].find((candidate) => candidate.appId === application.appId);
  if (servicePrincipal?.preferredSingleSignOnMode !== 'saml') {
    return false;
  }
  return !state.samlSwitch.check(servicePrincipal.id as string);
}

function checkHost(uri: string, parsed: URL, application: JsonObject, state: TenantState, samlMode: boolean): void {
  if (samlMode || isDefaultScheme(parsed, application, state) || state.isVerifiedDomain(parsed.hostname)) {
    return;
  }
  throw new GraphRequestError(
    400,
    'HostNameNotOnVerifiedDomain',
    `Values of identifierUris property must use a verified domain of the organization or its subdomain: '${uri}'`,
    [{ code: 'HostNameNotOnVerifiedDomain', message: `Values of identifierUris property must use a verified domain of the organization or its subdomain: '${uri}'`, target: 'identifierUris' }],
  );
}

function checkUnique(uri: string, application: JsonObject, state: TenantState): void {
  for (const other of state.applications.values()) {
    if (other.id !== application.id && (other.identifierUris as string[]).some((existing) => existing.toLowerCase() === uri.toLowerCase())) {
      throw objectConflict('identifierUris');
    }
  }
}

export function validateIdentifierUris(value: unknown, application: JsonObject, state: TenantState): string[] {
  if (!Array.isArray(value) || value.some((uri) => typeof uri !== 'string')) {
    throw badRequest("Invalid value specified for property 'identifierUris' of resource 'Application'.");
  }
  const uris = value as string[];
  const parsed = uris.map(checkFormat);
  const existing = new Set((application.identifierUris as string[]).map((uri) => uri.toLowerCase()));
  const added = uris.map((uri, index) => ({ uri, parsed: parsed[index] as URL })).filter(({ uri }) => !existing.has(uri.toLowerCase()));
  if (added.length > 0) {
    const samlMode = usesSamlMode(state, application);
    for (const { uri, parsed: url } of added) {
      checkHost(uri, url, application, state, samlMode);
    }
  }
  for (const uri of uris) {
    checkUnique(uri, application, state);
  }
  return [...uris];
}
