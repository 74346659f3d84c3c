import type { CommandRouter, RoutedCommandType } from '../command-router.js';
import { CardVerb } from '../../cards/index.js';
import type { Logger } from '../../logging/index.js';
import { createApproveHandler, createCancelHandler, createRejectHandler, createRunActionHandler } from './decision-actions.js';
import { createCancelCommandHandler, createRequestsHandler } from './request-commands.js';
import { createCertificateHandler, createChecklistHandler, createChecklistToggleHandler } from './result-commands.js';
import { createSetupCommandHandler } from './setup-command.js';
import type { SetupFlow } from './setup-flow.js';
import { createSubmitHandler } from './submit-action.js';

/**
 * Registers the set-up flow's commands and card verbs. A command or verb
 * that is already registered keeps its handler, so a feature or a test that
 * registers its own handler first replaces the flow's.
 */
export function registerSetupFlow(router: CommandRouter, flow: SetupFlow, logger: Logger): void {
  const commands: Array<[RoutedCommandType, Parameters<CommandRouter['registerCommand']>[1]]> = [
    ['setup-sso', createSetupCommandHandler(flow) as never],
    ['requests', createRequestsHandler(flow) as never],
    ['cancel', createCancelCommandHandler(flow) as never],
    ['certificate', createCertificateHandler(flow) as never],
    ['checklist', createChecklistHandler(flow) as never],
  ];
  for (const [type, handler] of commands) {
    if (router.commandHandler(type)) {
      logger.debug({ command: type }, 'kept the command handler registered before the set-up flow');
      continue;
    }
    router.registerCommand(type, handler);
  }

  const verbs = [
    [CardVerb.requestSubmit, createSubmitHandler(flow)],
    [CardVerb.requestApprove, createApproveHandler(flow)],
    [CardVerb.requestReject, createRejectHandler(flow)],
    [CardVerb.requestCancel, createCancelHandler(flow)],
    [CardVerb.requestRetry, createRunActionHandler(flow, 'retry')],
    [CardVerb.requestRollback, createRunActionHandler(flow, 'rollback')],
    [CardVerb.checklistToggle, createChecklistToggleHandler(flow)],
  ] as const;
  for (const [verb, handler] of verbs) {
    if (router.cardActionHandler(verb)) {
      logger.debug({ verb }, 'kept the card action handler registered before the set-up flow');
      continue;
    }
    router.registerCardAction(verb, handler);
  }
}
