import type { Logger } from 'pino';

/** Activity fields the logger reads. botbuilder's `Activity` fits. */
export interface LoggedActivity {
  id?: string;
  type?: string;
  conversation?: { id?: string; tenantId?: string };
  channelData?: unknown;
  from?: { aadObjectId?: string };
}

/**
 * Creates a child logger carrying the ids of one activity: activity id,
 * conversation id, tenant id and the sender's Entra object id.
 */
export function activityLogger(logger: Logger, activity: LoggedActivity): Logger {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;

  return logger.child({
    activityId: activity.id,
    activityType: activity.type,
    conversationId: activity.conversation?.id,
    tenantId: channelData?.tenant?.id ?? activity.conversation?.tenantId,
    userObjectId: activity.from?.aadObjectId,
  });
}
