import type { Activity } from 'botbuilder';
import type { Actor } from '../requests/types.js';
import { activityTenantId } from './tenant.js';

/**
 * Returns the sender as an `Actor`, or undefined when the activity carries no
 * Entra object id (`from.aadObjectId`). Authorization decisions use only that
 * id and the activity's tenant, so an activity without the id cannot act on
 * change requests, and one without a tenant is rejected by every transition.
 */
export function actorFromActivity(activity: Partial<Activity>): Actor | undefined {
  const from = activity.from;
  if (!from?.aadObjectId) {
    return undefined;
  }

  const tenantId = activityTenantId(activity);
  return {
    aadObjectId: from.aadObjectId.toLowerCase(),
    name: from.name ?? 'Someone',
    teamsUserId: from.id,
    ...(tenantId ? { tenantId } : {}),
  };
}
