import type { Activity } from 'botbuilder';
import type { Actor } from '../requests/types.js';

/**
 * Returns the sender as an `Actor`, or undefined when the activity carries no
 * Entra object id (`from.aadObjectId`). Authorization decisions use only that
 * id, so an activity without it cannot act on change requests.
 */
export function actorFromActivity(activity: Partial<Activity>): Actor | undefined {
  const from = activity.from;
  if (!from?.aadObjectId) {
    return undefined;
  }

  return {
    aadObjectId: from.aadObjectId.toLowerCase(),
    name: from.name ?? 'Someone',
    teamsUserId: from.id,
  };
}
