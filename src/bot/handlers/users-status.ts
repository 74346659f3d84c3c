import { CardFactory, MessageFactory } from 'botbuilder';
import { buildStatusCard, type StatusView } from '../../cards/index.js';
import type { CommandOf } from '../../commands/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import { readStatus, type StatusReport } from '../../sso/status/index.js';
import type { CommandHandler } from '../command-router.js';
import { notSetUpMessage, profileFor } from './users-app.js';

export interface StatusHandlerDependencies {
  gateway: DirectoryGateway;
  now?: () => Date;
}

/** Maps a status report onto the status card's view. */
export function statusView(report: StatusReport, now: Date): StatusView {
  const certificate = report.certificate?.notAfter ? { thumbprint: report.certificate.thumbprint, notAfter: report.certificate.notAfter } : undefined;
  return {
    appName: report.appName,
    appProfileId: report.appProfileId,
    checkedAt: report.checkedAt,
    mode: report.mode,
    identifier: report.identifier,
    replyUrl: report.replyUrl,
    relayState: report.relayState,
    ...(certificate ? { certificate } : {}),
    now: now.toISOString(),
    assignedUserCount: report.assignedUserCount,
    assignedGroupCount: report.assignedGroupCount,
    assignedNames: report.assignedNames,
    drift: report.drift.map((item) => item.message),
  };
}

/** Replies to `status [<app>]` with the app's state as read from the tenant, drift included. */
export function createStatusHandler(dependencies: StatusHandlerDependencies): CommandHandler<CommandOf<'status'>> {
  return async ({ command, context, logger }) => {
    const profile = profileFor(command.app);
    const now = dependencies.now ?? (() => new Date());
    const report = await readStatus(dependencies.gateway, profile, { now });
    logger.info({ appProfileId: profile.id, configured: report.configured, drift: report.drift.map((item) => item.property) }, 'read the app status');

    if (!report.configured) {
      await context.sendActivity(notSetUpMessage(profile));
      return;
    }
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(buildStatusCard(statusView(report, now())))));
  };
}
