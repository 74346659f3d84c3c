import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Command, CommandOf, CommandType } from '../commands/index.js';
import type { Logger } from '../logging/index.js';
import type { Actor } from '../requests/types.js';

/** Command types the router handles. The bot itself replies to `help` and `unknown`. */
export type RoutedCommandType = Exclude<CommandType, 'help' | 'unknown'>;

export interface CommandTurn<C extends Command = Command> {
  command: C;
  context: TurnContext;
  /** The sender, from `from.aadObjectId`. Authorization decisions use this, never card data. */
  actor: Actor;
  /** A child logger carrying the activity, conversation, tenant and user ids. */
  logger: Logger;
}

export type CommandHandler<C extends Command = Command> = (turn: CommandTurn<C>) => Promise<void>;

export interface CardActionTurn {
  verb: string;
  /** The action's `data` as the client sent it: untrusted input, to validate before use. */
  data: Record<string, unknown>;
  context: TurnContext;
  actor: Actor;
  logger: Logger;
}

/**
 * Handles one `Action.Execute` click and returns the invoke response body.
 * Teams waits 10 to 15 seconds at most, so a handler returns at once and
 * leaves Graph work to run in the background.
 */
export type CardActionHandler = (turn: CardActionTurn) => Promise<AdaptiveCardInvokeResponse>;

/**
 * The table from command types and card verbs to the code that handles them.
 * Features register their handlers at composition time. The bot looks them
 * up per activity and replies "not available yet" for anything unregistered.
 */
export class CommandRouter {
  private readonly commands = new Map<RoutedCommandType, CommandHandler<never>>();
  private readonly cardActions = new Map<string, CardActionHandler>();

  registerCommand<T extends RoutedCommandType>(type: T, handler: CommandHandler<CommandOf<T>>): this {
    if (this.commands.has(type)) {
      throw new Error(`A handler for the command "${type}" is already registered.`);
    }
    this.commands.set(type, handler as CommandHandler<never>);
    return this;
  }

  registerCardAction(verb: string, handler: CardActionHandler): this {
    if (this.cardActions.has(verb)) {
      throw new Error(`A handler for the card verb "${verb}" is already registered.`);
    }
    this.cardActions.set(verb, handler);
    return this;
  }

  commandHandler<T extends RoutedCommandType>(type: T): CommandHandler<CommandOf<T>> | undefined {
    return this.commands.get(type) as CommandHandler<CommandOf<T>> | undefined;
  }

  cardActionHandler(verb: string): CardActionHandler | undefined {
    return this.cardActions.get(verb);
  }

  registeredCommands(): RoutedCommandType[] {
    return [...this.commands.keys()];
  }

  registeredVerbs(): string[] {
    return [...this.cardActions.keys()];
  }
}
