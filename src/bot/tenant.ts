import type { Activity } from 'botbuilder';

/** Returns the tenant an activity comes from: `channelData.tenant.id`, else `conversation.tenantId`. */
export function activityTenantId(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData !== '') {
    return fromChannelData;
  }
  return activity.conversation?.tenantId || undefined;
}

/** Tells whether the activity comes from the managed tenant; an activity without a tenant does not. */
export function isFromTenant(activity: Partial<Activity>, tenantId: string): boolean {
  return activityTenantId(activity)?.toLowerCase() === tenantId.toLowerCase();
}
