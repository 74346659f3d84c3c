import { CardFactory, MessageFactory } from 'botbuilder';
import { buildAppChoiceCard } from '../../cards/index.js';
import type { AppRef, CommandOf } from '../../commands/index.js';
import { isDirectoryError } from '../../directory/index.js';
import { findProfileByName, listProfiles, type AppProfile } from '../../sso/index.js';
import { readSetUpProfiles } from '../../sso/set-up-profiles.js';
import { plainTextMessage } from '../bot-messages.js';
import type { CommandHandler, CommandTurn, RoutedCommandType } from '../command-router.js';
import type { SetupFlow } from '../flow/setup-flow.js';
import { AppPickStore } from './app-picks.js';
import { SetUpAppsCache } from './set-up-apps-cache.js';
import { findProfileFor, noAppSetUpMessage, unknownAppMessage } from './users-app.js';

/** The commands that name an app, or leave it for the bot to find. */
export const APP_COMMAND_TYPES = [
  'setup-sso',
  'assign',
  'unassign',
  'create-test-user',
  'status',
  'who-has',
  'certificate',
  'checklist',
  'rotate-certificate',
] as const satisfies readonly RoutedCommandType[];

export type AppCommandType = (typeof APP_COMMAND_TYPES)[number];
export type AppCommand = CommandOf<AppCommandType>;

/** The question of the choice card for each command that can go without an app. */
export const APP_QUESTIONS: Record<Exclude<AppCommandType, 'setup-sso'>, string> = {
  assign: 'Assign to which app?',
  unassign: 'Unassign from which app?',
  'create-test-user': 'Create the test user for which app?',
  status: 'Show the status of which app?',
  'who-has': 'List the assignments of which app?',
  certificate: 'Show the certificate of which app?',
  checklist: 'Show the checklist of which app?',
  'rotate-certificate': 'Rotate the certificate of which app?',
};

export function isAppCommandType(type: string): type is AppCommandType {
  return (APP_COMMAND_TYPES as readonly string[]).includes(type);
}

/**
 * Finds the app of a command before its handler runs. A named app is
 * matched against the profiles. Without a name, the command uses the one
 * app set up in the tenant. With none set up the bot replies how to set one
 * up, and with several it posts a choice card whose pick continues the
 * command later.
 */
export class AppChoice {
  readonly picks: AppPickStore;
  private readonly setUpApps: SetUpAppsCache;

  constructor(private readonly flow: SetupFlow) {
    const { gateway, storage, now } = flow.context;
    this.picks = new AppPickStore(storage, now);
    this.setUpApps = new SetUpAppsCache(() => readSetUpProfiles(gateway, listProfiles()), now);
  }

  /** Returns the command with `app.appKey` set to a profile id, or undefined after replying in its place. */
  async resolve(turn: CommandTurn<AppCommand>): Promise<AppCommand | undefined> {
    const { command } = turn;
    if (command.app !== undefined) return this.resolveNamed(turn, command.app);

    const setUp = await this.readSetUp(turn);
    if (setUp === undefined) return undefined;
    if (setUp.length === 1) {
      turn.logger.debug({ appProfileId: setUp[0]!.id }, 'used the only SSO app set up in the tenant');
      return { ...command, app: { appKey: setUp[0]!.id } } as AppCommand;
    }
    if (setUp.length === 0) {
      turn.logger.info('no SSO app is set up, so a command without an app was not run');
      await turn.context.sendActivity(plainTextMessage(noAppSetUpMessage()));
      return undefined;
    }
    await this.ask(turn, setUp);
    return undefined;
  }

  private async resolveNamed(turn: CommandTurn<AppCommand>, app: AppRef): Promise<AppCommand | undefined> {
    const { command } = turn;
    const profile = findProfileFor(app);
    if (profile !== undefined) {
      return app.appKey === undefined ? ({ ...command, app: { ...app, appKey: profile.id } } as AppCommand) : command;
    }

    const swapped = swappedAssignment(command);
    if (swapped !== undefined) return swapped;

    const name = app.name ?? app.appKey ?? '';
    turn.logger.info({ appName: name }, 'rejected a command for an app without a profile');
    await turn.context.sendActivity(plainTextMessage(unknownAppMessage(name)));
    return undefined;
  }

  private async readSetUp(turn: CommandTurn<AppCommand>): Promise<AppProfile[] | undefined> {
    try {
      return await this.setUpApps.get();
    } catch (error) {
      if (!isDirectoryError(error)) throw error;
      turn.logger.error({ err: error, code: error.code, graphRequestId: error.graphRequestId }, 'failed to read which SSO apps are set up');
      await turn.context.sendActivity(
        plainTextMessage('I could not read which SSO apps are set up in this tenant. Name the app in the command, for example "status GoToMeeting", or try again in a minute.'),
      );
      return undefined;
    }
  }

  private async ask(turn: CommandTurn<AppCommand>, setUp: AppProfile[]): Promise<void> {
    const { command, context, actor, logger } = turn;
    const offered = setUp.map((profile) => profile.id);
    const pickId = await this.picks.create({ command, requester: actor.aadObjectId, conversationId: context.activity.conversation.id, offered });

    const question = APP_QUESTIONS[command.type as Exclude<AppCommandType, 'setup-sso'>];
    const card = buildAppChoiceCard({ pickId, question, apps: setUp.map((profile) => ({ id: profile.id, name: profile.displayName })) });
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    logger.info({ pickId, offered }, 'asked which app a command is about');
  }
}

/**
 * Reads "assign AWS to B.Simon" the other way round: the parser cannot tell
 * which side is the app when neither is a GoTo product, so when the app
 * name matches no profile and the one person named does, the two swap.
 */
function swappedAssignment(command: AppCommand): AppCommand | undefined {
  if ((command.type !== 'assign' && command.type !== 'unassign') || command.app?.name === undefined) return undefined;
  const [user, ...others] = command.users;
  if (user?.kind !== 'name' || others.length > 0) return undefined;
  const profile = findProfileByName(user.value);
  if (profile === undefined) return undefined;
  return { ...command, users: [{ kind: 'name', value: command.app.name }], app: { appKey: profile.id, name: user.value } };
}

const choices = new WeakMap<SetupFlow, AppChoice>();

/** Returns the app choice of a flow, so every handler shares one cache of set-up apps. */
export function appChoiceFor(flow: SetupFlow): AppChoice {
  let choice = choices.get(flow);
  if (choice === undefined) {
    choice = new AppChoice(flow);
    choices.set(flow, choice);
  }
  return choice;
}

/**
 * Wraps the handler of a command that names an app so that it runs only
 * after the app choice, with `command.app.appKey` set. Handlers of other
 * commands are returned as they are.
 */
export function withAppChoice<T extends RoutedCommandType>(flow: SetupFlow, type: T, handler: CommandHandler<CommandOf<T>>): CommandHandler<CommandOf<T>> {
  if (!isAppCommandType(type)) return handler;
  return async (turn) => {
    const command = await appChoiceFor(flow).resolve(turn as unknown as CommandTurn<AppCommand>);
    if (command !== undefined) await handler({ ...turn, command: command as unknown as CommandOf<T> });
  };
}
