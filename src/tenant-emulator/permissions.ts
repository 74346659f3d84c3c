import { GraphRequestError } from './graph-error.js';
import type { EmulatedRequest } from './http-types.js';

// Application permissions each route needs, as Microsoft documents them for
// Graph v1.0. Each entry lists alternatives, and an alternative needs all of
// its permissions. The emulator checks them only when the bearer token is a
// JWT with a `roles` claim, so opaque test tokens keep full access.
// Instantiated gallery apps have no owner, so Application.ReadWrite.OwnedBy
// allows instantiate but not the later writes.

type Requirement = { method: string; pattern: RegExp; anyOf: string[][] };

const APPLICATION_READ = [['Application.Read.All'], ['Application.ReadWrite.All'], ['Directory.Read.All'], ['Directory.ReadWrite.All']];
const APPLICATION_WRITE = [['Application.ReadWrite.All'], ['Directory.ReadWrite.All']];
const USER_READ = [['User.Read.All'], ['User.ReadWrite.All'], ['Directory.Read.All'], ['Directory.ReadWrite.All']];
const ASSIGNMENT_WRITE = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'].map((read) => [
  'AppRoleAssignment.ReadWrite.All',
  read,
]);
const MEMBERSHIP_READ = ['User.Read.All', 'User.ReadWrite.All'].flatMap((user) => [
  [user, 'GroupMember.Read.All'],
  [user, 'Group.Read.All'],
]);

const REQUIREMENTS: Requirement[] = [
  { method: 'POST', pattern: /^\/applicationTemplates\/[^/]+\/instantiate$/, anyOf: [...APPLICATION_WRITE, ['Application.ReadWrite.OwnedBy']] },
  { method: 'GET', pattern: /^\/applicationTemplates/, anyOf: [[]] },
  { method: 'GET', pattern: /^\/servicePrincipals\/[^/]+\/appRoleAssignedTo$/, anyOf: APPLICATION_READ },
  { method: 'POST', pattern: /^\/servicePrincipals\/[^/]+\/appRoleAssignedTo$/, anyOf: ASSIGNMENT_WRITE },
  { method: 'DELETE', pattern: /^\/servicePrincipals\/[^/]+\/appRoleAssignedTo\/[^/]+$/, anyOf: ASSIGNMENT_WRITE },
  { method: 'GET', pattern: /^\/(applications|servicePrincipals)/, anyOf: APPLICATION_READ },
  { method: '*', pattern: /^\/(applications|servicePrincipals)/, anyOf: APPLICATION_WRITE },
  { method: 'POST', pattern: /^\/users\/[^/]+\/checkMemberGroups$/, anyOf: [...MEMBERSHIP_READ, ['Directory.Read.All'], ['Directory.ReadWrite.All']] },
  { method: 'POST', pattern: /^\/users$/, anyOf: [['User.ReadWrite.All'], ['Directory.ReadWrite.All']] },
  { method: 'GET', pattern: /^\/users/, anyOf: USER_READ },
  { method: 'GET', pattern: /^\/organization$/, anyOf: [['Organization.Read.All'], ['Directory.Read.All'], ['Directory.ReadWrite.All']] },
  { method: 'GET', pattern: /^\/groups\//, anyOf: [['GroupMember.Read.All'], ['Group.Read.All'], ['Directory.Read.All'], ['Directory.ReadWrite.All']] },
];

/** Reads the `roles` claim of an unverified JWT bearer token; undefined for any other token. */
export function grantedRoles(authorization: string | undefined): string[] | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (payload === undefined) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/** Rejects the request with 403 when its token's roles satisfy none of the route's alternatives. */
export function checkPermissions(request: EmulatedRequest): void {
  const roles = request.grantedRoles;
  if (roles === undefined || request.path === '/$batch') {
    return;
  }
  const requirement = REQUIREMENTS.find(({ method, pattern }) => (method === '*' || method === request.method) && pattern.test(request.path));
  const allowed = requirement === undefined || requirement.anyOf.some((permissions) => permissions.every((permission) => roles.includes(permission)));
  if (!allowed) {
    throw new GraphRequestError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
}
