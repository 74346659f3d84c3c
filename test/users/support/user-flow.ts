// A whole bot with the user commands, over HTTP, on a tenant where
// GoToMeeting is already set up, and the steps of a user request.

import type { TestPerson } from '../../support/activities.js';
import type { TestBot } from '../../support/bot-server.js';
import type { ConnectorOperation } from '../../support/connector.js';
import { actionData, cardIn, cardText, click, say, startWorld, type Card, type ClickAnswer, type FlowWorld, type Place } from '../../flow/support/flow-harness.js';
import { harnessFor, installApp, otherBritta, seedWith, type UsersHarness } from './users-harness.js';

export interface UserWorld {
  world: FlowWorld;
  bot: TestBot;
  /** A gateway to the same tenant for the test's own reads and writes, with GoToMeeting set up. */
  app: UsersHarness;
  close(): Promise<void>;
}

export async function startUserWorld(): Promise<UserWorld> {
  const world = await startWorld({ seed: seedWith([otherBritta]) });
  const app = await installApp(harnessFor(world.emulator));
  const bot = await world.startBot();
  return { world, bot, app, close: () => world.close() };
}

export interface Reply {
  operation: ConnectorOperation;
  card?: Card;
  text: string;
}

/** Sends `text` as `from` and waits for the bot's first reply to it. */
export async function ask(users: UserWorld, text: string, from: TestPerson, place: Place): Promise<Reply> {
  const { world, bot } = users;
  const activity = await say(world, bot, text, from, place);
  const operation = await world.connector.waitFor((candidate) => candidate.replyToId === activity.id);
  const card = cardIn(operation);
  return { operation, ...(card ? { card } : {}), text: card ? cardText(card) : String(operation.activity.text ?? '') };
}

/** Clicks the card's button with `verb`, adding `inputs` as Teams adds input values. */
export function press(users: UserWorld, card: Card, verb: string, from: TestPerson, place: Place, inputs: Record<string, unknown> = {}): Promise<ClickAnswer> {
  const data = actionData(card, verb);
  if (data === undefined) throw new Error(`The card has no ${verb} button: ${cardText(card)}`);
  return click(users.world, users.bot, verb, { ...data, ...inputs }, from, place);
}

/** Waits for an update of the card message `activityId` whose text contains `marker`. */
export function waitForUpdate(users: UserWorld, activityId: string, marker: string): Promise<ConnectorOperation> {
  return users.world.connector.waitFor(
    (operation) => operation.type === 'update' && operation.activityId === activityId && cardText(cardIn(operation)).includes(marker),
    10_000,
  );
}

/** Returns the assignments of `principalId` to GoToMeeting in the emulator. */
export function assignmentsOf(users: UserWorld, principalId: string) {
  return [...users.world.emulator.state.assignments.values()].filter(
    (assignment) => assignment.principalId === principalId && assignment.resourceId === users.app.servicePrincipal.id,
  );
}
