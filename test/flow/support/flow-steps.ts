// Steps of the set-up conversation that many tests repeat: ask, submit,
// approve, and wait for the run to finish.

import type { TestPerson } from '../../support/activities.js';
import type { TestBot } from '../../support/bot-server.js';
import type { ConnectorOperation } from '../../support/connector.js';
import { actionData, cardIn, cardText, click, say, waitForCard, type Card, type ClickAnswer, type FlowWorld, type Place } from './flow-harness.js';

export interface PostedRequest {
  requestId: string;
  /** The id of the request card message, which every update addresses. */
  cardActivityId: string;
  card: Card;
}

/** Requests the set-up and returns the draft card the bot posted. */
export async function askForSetup(world: FlowWorld, bot: TestBot, from: TestPerson, place: Place, text = 'set up GoToMeeting SSO'): Promise<PostedRequest> {
  const before = world.connector.sent.length;
  const activity = await say(world, bot, text, from, place);
  const posted = await world.connector.waitFor(
    (operation) => world.connector.sent.indexOf(operation) >= before && operation.replyToId === activity.id && cardIn(operation) !== undefined,
  );
  const card = cardIn(posted)!;
  const data = actionData(card, 'request.cancel');
  if (!data || typeof data.requestId !== 'string' || !posted.activityId) throw new Error(`The reply carries no request card: ${cardText(card)}`);
  return { requestId: data.requestId, cardActivityId: posted.activityId, card };
}

/** Clicks "Submit for approval" with the card's inputs, as Teams sends them. */
export async function submitRequest(
  world: FlowWorld,
  bot: TestBot,
  posted: PostedRequest,
  from: TestPerson,
  place: Place,
  inputs: { relayState: string; createTestUser?: boolean },
): Promise<ClickAnswer> {
  const data = { ...actionData(posted.card, 'request.submit'), relayState: inputs.relayState, createTestUser: inputs.createTestUser ? 'true' : 'false' };
  return click(world, bot, 'request.submit', data, from, place, { replyToId: posted.cardActivityId });
}

/** Clicks Approve on `card` with an optional comment. */
export async function approveCard(world: FlowWorld, bot: TestBot, card: Card, from: TestPerson, place: Place, extra: { id?: string; comment?: string } = {}): Promise<ClickAnswer> {
  const data = { ...actionData(card, 'request.approve'), ...(extra.comment ? { comment: extra.comment } : {}) };
  return click(world, bot, 'request.approve', data, from, place, extra.id ? { id: extra.id } : {});
}

/** Waits for the update of the request card whose text contains `marker`. */
export function waitForCardUpdate(world: FlowWorld, posted: PostedRequest, marker: string, timeoutMs?: number): Promise<ConnectorOperation> {
  return waitForCard(world, marker, { type: 'update', activityId: posted.cardActivityId, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Returns the updates of the request card in the order sent. */
export function cardUpdates(world: FlowWorld, posted: PostedRequest): Card[] {
  return world.connector.sent
    .filter((operation) => operation.type === 'update' && operation.activityId === posted.cardActivityId)
    .map((operation) => cardIn(operation)!)
    .filter(Boolean);
}

/** Waits for the three result messages of a succeeded request, found by their titles. */
export async function waitForResults(world: FlowWorld) {
  const certificate = await waitForCard(world, 'Certificate (Base64)', { type: 'send' });
  const values = await waitForCard(world, 'values for the vendor side', { type: 'send' });
  const checklist = await waitForCard(world, 'Finish the GoToMeeting set-up', { type: 'send' });
  return { certificate, values, checklist };
}

/** Counts the instantiate POSTs the emulator received, failed ones included. With `status`, counts only those whose response had that status. */
export function instantiateCalls(world: FlowWorld, status?: number): number {
  return world.emulator
    .requestLog()
    .filter((entry) => entry.method === 'POST' && entry.path.includes('/instantiate') && (status === undefined || entry.status === status)).length;
}
