import type { Activity } from 'botbuilder';

/**
 * Returns the tenant an activity comes from: `channelData.tenant.id`, else
 * `conversation.tenantId`. Returns undefined when both are set and differ,
 * because an activity that names two tenants comes from neither.
 */
export function activityTenantId(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = nonEmptyString(channelData?.tenant?.id);
  const fromConversation = nonEmptyString(activity.conversation?.tenantId);

  if (fromChannelData && fromConversation && fromChannelData.toLowerCase() !== fromConversation.toLowerCase()) {
    return undefined;
  }
  return fromChannelData ?? fromConversation;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Returns true when the activity comes from the managed tenant, and false for an activity without a tenant. */
export function isFromTenant(activity: Partial<Activity>, tenantId: string): boolean {
  return activityTenantId(activity)?.toLowerCase() === tenantId.toLowerCase();
}
