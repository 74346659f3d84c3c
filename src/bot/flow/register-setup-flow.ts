import type { CommandOf } from '../../commands/index.js';
import type { CommandHandler, CommandRouter, RoutedCommandType } from '../command-router.js';
import { CardVerb } from '../../cards/index.js';
import type { Logger } from '../../logging/index.js';
import { withAppChoice } from '../handlers/app-choice.js';
import { createAppPickHandler } from '../handlers/app-pick-action.js';
import { createApproveHandler, createCancelHandler, createRejectHandler, createRunActionHandler } from './decision-actions.js';
import { createCancelCommandHandler, createRequestsHandler } from './request-commands.js';
import { withRequestConversation } from './conversation-guard.js';
import { createCertificateHandler, createChecklistHandler, createChecklistToggleHandler } from './result-commands.js';
import { createSetupCommandHandler } from './setup-command.js';
import type { SetupFlow } from './setup-flow.js';
import { createSubmitHandler } from './submit-action.js';

/**
 * Registers the set-up flow's commands and card verbs. A command or verb
 * that is already registered keeps its handler, so a feature or a test that
 * registers its own handler first replaces the flow's. Commands that name an
 * app run after the app choice (`withAppChoice`).
 */
export function registerSetupFlow(router: CommandRouter, flow: SetupFlow, logger: Logger): void {
  const addCommand = <T extends RoutedCommandType>(type: T, handler: CommandHandler<CommandOf<T>>): void => {
    if (router.commandHandler(type)) {
      logger.debug({ command: type }, 'kept the command handler registered before the set-up flow');
      return;
    }
    router.registerCommand(type, withAppChoice(flow, type, handler));
  };
  addCommand('setup-sso', createSetupCommandHandler(flow));
  addCommand('requests', createRequestsHandler(flow));
  addCommand('cancel', createCancelCommandHandler(flow));
  addCommand('certificate', createCertificateHandler(flow));
  addCommand('checklist', createChecklistHandler(flow));

  const verbs = [
    [CardVerb.requestSubmit, createSubmitHandler(flow)],
    [CardVerb.requestApprove, createApproveHandler(flow)],
    [CardVerb.requestReject, createRejectHandler(flow)],
    [CardVerb.requestCancel, createCancelHandler(flow)],
    [CardVerb.requestRetry, createRunActionHandler(flow, 'retry')],
    [CardVerb.requestRollback, createRunActionHandler(flow, 'rollback')],
    [CardVerb.checklistToggle, createChecklistToggleHandler(flow)],
    [CardVerb.appPick, createAppPickHandler(flow, router)],
  ] as const;
  for (const [verb, handler] of verbs) {
    if (router.cardActionHandler(verb)) {
      logger.debug({ verb }, 'kept the card action handler registered before the set-up flow');
      continue;
    }
    // The `checklist` command posts a request's checklist into any conversation, so its ticks are not bound to one.
    router.registerCardAction(verb, verb === CardVerb.checklistToggle ? handler : withRequestConversation(flow, handler));
  }
}
