import type { AppRoleAssignment, User } from '@microsoft/microsoft-graph-types';
import { pathSegment, queryString, type BatchResult, type DirectoryGateway } from '../../directory/index.js';
import { UserRequestError } from '../users/user-request-error.js';

/** Assignments per page of `who has`. */
export const ASSIGNMENTS_PAGE_SIZE = 20;

export interface AssignmentEntry {
  assignmentId: string;
  principalId: string;
  type: 'user' | 'group' | 'servicePrincipal';
  displayName: string;
  /** For users: the UPN, read separately because assignments carry only the display name. */
  userPrincipalName?: string;
  /** `createdDateTime`: when the assignment was made. Graph does not record who made it. */
  assignedAt?: string;
  appRoleId: string;
}

export interface AssignmentPage {
  entries: AssignmentEntry[];
  /** Opaque; pass it back for the next page. Absent on the last page. */
  cursor?: string;
}

// A cursor comes back in card data, so it is untrusted: it is checked here
// and only ever sent as the encoded value of `$skiptoken` on our own path.
const cursorPattern = /^[A-Za-z0-9'._~%+/=-]{1,2048}$/;

function principalType(type: string | null | undefined): AssignmentEntry['type'] {
  if (type === 'Group') return 'group';
  if (type === 'ServicePrincipal') return 'servicePrincipal';
  return 'user';
}

function skipTokenOf(nextLink: string | undefined): string | undefined {
  if (nextLink === undefined) return undefined;
  return new URL(nextLink).searchParams.get('$skiptoken') ?? undefined;
}

function valueOf<T>(result: BatchResult<unknown> | undefined): { value: T[]; nextLink?: string } {
  if (result?.error) throw result.error;
  const body = (result?.body ?? {}) as { value?: T[]; '@odata.nextLink'?: string };
  return { value: body.value ?? [], nextLink: body['@odata.nextLink'] };
}

async function principalNames(gateway: DirectoryGateway, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const results = await gateway.batch<User>(userIds.map((id) => ({ id, url: `/users/${pathSegment(id)}${queryString({ $select: 'id,userPrincipalName' })}` })));
  // A user deleted since the assignment was listed returns 404, so the entry then shows only the name.
  return new Map(results.flatMap((result) => (result.body?.userPrincipalName ? [[result.id, result.body.userPrincipalName] as const] : [])));
}

/**
 * Reads one page of the app's assignments (users, groups and service
 * principals) with the users' UPNs, in two batched round trips.
 */
export async function listAssignments(gateway: DirectoryGateway, servicePrincipalId: string, cursor?: string): Promise<AssignmentPage> {
  if (cursor !== undefined && !cursorPattern.test(cursor)) {
    throw new UserRequestError('invalid_cursor', 'The page cursor is invalid; run "who has" again to start from the first page.');
  }
  // NOTE: the cursor is the `$skiptoken` of Graph's next link, sent again with `$top` on the same path.
  // The emulator accepts that, but Microsoft documents next links only as whole URLs to follow unchanged.
  const query = queryString({ $top: ASSIGNMENTS_PAGE_SIZE, $skiptoken: cursor });
  const [result] = await gateway.batch([{ id: 'page', url: `/servicePrincipals/${pathSegment(servicePrincipalId)}/appRoleAssignedTo${query}` }]);
  const page = valueOf<AppRoleAssignment>(result);

  const userIds = page.value.filter((assignment) => assignment.principalType === 'User' && assignment.principalId).map((assignment) => assignment.principalId!);
  const names = await principalNames(gateway, userIds);
  const entries = page.value.map((assignment): AssignmentEntry => {
    const upn = assignment.principalId ? names.get(assignment.principalId) : undefined;
    return {
      assignmentId: assignment.id ?? '',
      principalId: assignment.principalId ?? '',
      type: principalType(assignment.principalType),
      displayName: assignment.principalDisplayName ?? assignment.principalId ?? 'unknown',
      ...(upn ? { userPrincipalName: upn } : {}),
      ...(assignment.createdDateTime ? { assignedAt: assignment.createdDateTime } : {}),
      appRoleId: assignment.appRoleId ?? '',
    };
  });
  const next = skipTokenOf(page.nextLink);
  return { entries, ...(next ? { cursor: next } : {}) };
}
