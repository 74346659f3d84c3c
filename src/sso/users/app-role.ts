import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { AppProfile } from '../profiles/index.js';
import { UserRequestError } from './user-request-error.js';

/** Graph's "default access" role id, valid only for a service principal that defines no app roles. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

export interface UserRole {
  id: string;
  name: string;
}

/**
 * Finds the app role that users of `profile` get: the enabled role named
 * `profile.userRoleName` that allows users. Gallery apps give their roles
 * different ids per template, so the role is found by display name. The
 * all-zero default access id is used only when the app defines no roles.
 */
export function userRoleFor(profile: AppProfile, servicePrincipal: ServicePrincipal): UserRole {
  const roles = servicePrincipal.appRoles ?? [];
  if (roles.length === 0) return { id: DEFAULT_ACCESS_ROLE_ID, name: 'Default Access' };

  const role = roles.find(
    (candidate) => candidate.displayName === profile.userRoleName && candidate.isEnabled !== false && (candidate.allowedMemberTypes ?? []).includes('User'),
  );
  if (!role?.id) {
    const names = roles.map((candidate) => candidate.displayName ?? candidate.id).join(', ');
    throw new UserRequestError(
      'role_not_found',
      `${profile.displayName} has no enabled app role "${profile.userRoleName}" for users (its roles: ${names}). Check the app's roles in the Microsoft Entra admin center.`,
    );
  }
  return { id: role.id, name: profile.userRoleName };
}

/** Returns the service principal's id, or throws `app_not_set_up` when it is missing. */
export function servicePrincipalIdOf(profile: AppProfile, servicePrincipal: ServicePrincipal | undefined): string {
  if (!servicePrincipal?.id) {
    throw new UserRequestError('app_not_set_up', `${profile.displayName} is not set up in this tenant yet. Set up its single sign-on first.`);
  }
  return servicePrincipal.id;
}
