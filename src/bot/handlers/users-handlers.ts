import { CardVerb } from '../../cards/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import type { CardActionHandler, CommandHandler, CommandRouter, RoutedCommandType } from '../command-router.js';
import { withRequestConversation } from '../flow/conversation-guard.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import type { ProactiveMessenger } from '../proactive-messenger.js';
import { withAppChoice } from './app-choice.js';
import { createAssignmentHandler, createTestUserCommandHandler } from './users-commands.js';
import { createAssignPickHandler, createTestUserOfferHandler } from './users-picks.js';
import { createRepairHandler } from './users-repair.js';
import { buildUserRequestCard, type UserChangeKind } from './users-request-card.js';
import { createStatusHandler } from './users-status.js';
import { submitUserRequest } from './users-submit.js';
import { createAssignmentsPageHandler, createWhoHasHandler } from './users-who-has.js';

export interface UserHandlerDependencies {
  gateway: DirectoryGateway;
  messenger: Pick<ProactiveMessenger, 'send'>;
  now?: () => Date;
}

type Registration = [kind: 'command', type: RoutedCommandType, handler: CommandHandler<never>] | [kind: 'verb', verb: string, handler: CardActionHandler];

/**
 * Registers each handler unless one is registered already, so a feature or
 * a test that registered its own first keeps it, as with the set-up flow.
 * With a flow, commands that name an app run after the app choice, and card
 * verbs naming a request run only in that request's conversation.
 */
function registerFree(router: CommandRouter, registrations: Registration[], flow?: SetupFlow): void {
  for (const registration of registrations) {
    if (registration[0] === 'command' && !router.commandHandler(registration[1])) {
      const handler = flow ? withAppChoice(flow, registration[1], registration[2] as never) : registration[2];
      router.registerCommand(registration[1], handler as never);
    }
    if (registration[0] === 'verb' && !router.cardActionHandler(registration[1])) {
      const handler = flow ? withRequestConversation(flow, registration[2]) : registration[2];
      router.registerCardAction(registration[1], handler);
    }
  }
}

/** Returns the registrations of the read-only user commands: `status`, `who has` and the who-has card's paging. */
function readRegistrations(dependencies: UserHandlerDependencies): Registration[] {
  return [
    ['command', 'status', createStatusHandler(dependencies) as CommandHandler<never>],
    ['command', 'who-has', createWhoHasHandler(dependencies) as CommandHandler<never>],
    ['verb', CardVerb.assignmentsPage, createAssignmentsPageHandler(dependencies)],
  ];
}

/** Registers the read-only user commands, for a bot without the change-request flow. */
export function registerUserReadHandlers(router: CommandRouter, dependencies: UserHandlerDependencies): void {
  registerFree(router, readRegistrations(dependencies));
}

/**
 * Registers every user command and card verb, and plugs the user request
 * kinds into the flow: their card and their submit. Approve, reject, cancel,
 * retry, roll back and the run are the flow's, under the same rules as the
 * set-up. Call it before the flow registers its own handlers.
 */
export function registerUserHandlers(router: CommandRouter, flow: SetupFlow): void {
  const { gateway, messenger, now } = flow.context;
  registerFree(router, [
    ...readRegistrations({ gateway, messenger, now }),
    ['command', 'assign', createAssignmentHandler(flow, 'assign-user') as CommandHandler<never>],
    ['command', 'unassign', createAssignmentHandler(flow, 'unassign-user') as CommandHandler<never>],
    ['command', 'create-test-user', createTestUserCommandHandler(flow) as CommandHandler<never>],
    ['verb', CardVerb.assignPick, createAssignPickHandler(flow)],
    ['verb', CardVerb.userCreateOffer, createTestUserOfferHandler(flow)],
    ['verb', CardVerb.statusRepair, createRepairHandler(flow)],
  ], flow);

  const asUserRequest = (request: ChangeRequest) => request as ChangeRequest & { kind: UserChangeKind };
  flow.registerKind(['assign-user', 'unassign-user', 'create-test-user'], {
    card: (request, extras) => buildUserRequestCard(asUserRequest(request), extras),
    submit: (turn, request) => submitUserRequest(flow, turn, asUserRequest(request)),
  });
}
