import { CardVerb } from '../../cards/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import type { CommandRouter } from '../command-router.js';
import type { ProactiveMessenger } from '../proactive-messenger.js';
import { createStatusHandler } from './users-status.js';
import { createAssignmentsPageHandler, createWhoHasHandler } from './users-who-has.js';

export interface UserHandlerDependencies {
  gateway: DirectoryGateway;
  messenger: Pick<ProactiveMessenger, 'send'>;
  now?: () => Date;
}

/** Registers the read-only user commands: `status`, `who has` and the who-has card's paging. */
export function registerUserReadHandlers(router: CommandRouter, dependencies: UserHandlerDependencies): void {
  router.registerCommand('status', createStatusHandler(dependencies));
  router.registerCommand('who-has', createWhoHasHandler(dependencies));
  router.registerCardAction(CardVerb.assignmentsPage, createAssignmentsPageHandler(dependencies));
}
