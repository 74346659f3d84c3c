// Card clicks from Teams clients without Action.Execute: the Action.Submit
// fallback posts a message whose value contains the data and the verb, and the
// bot must treat it as the same click.

import { afterEach, describe, expect, it } from 'vitest';
import { cardSubmit, type TestPerson } from '../support/activities.js';
import type { TestBot } from '../support/bot-server.js';
import type { ConnectorOperation } from '../support/connector.js';
import {
  actionData,
  cardIn,
  cardText,
  channel,
  meetingRelayState,
  people,
  startWorld,
  type Card,
  type FlowWorld,
} from './support/flow-harness.js';
import { approveCard, askForSetup, instantiateCalls, submitRequest, waitForCardUpdate, type PostedRequest } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function startWithPending() {
  world = await startWorld();
  const bot = await world.startBot();
  const posted = await askForSetup(world, bot, people.alex, channel);
  const submitted = await submitRequest(world, bot, posted, people.alex, channel, { relayState: meetingRelayState });
  expect(cardText(submitted.card)).toContain('Waiting for approval');
  await waitForCardUpdate(world, posted, 'Waiting for approval');
  return { current: world, bot, posted, pending: submitted.card! };
}

/** Clicks the Action.Submit fallback of the button with `verb` and returns the operations the click caused. */
async function submitClick(
  current: FlowWorld,
  bot: TestBot,
  value: Record<string, unknown>,
  from: TestPerson,
  posted: Pick<PostedRequest, 'cardActivityId'>,
): Promise<{ activityId: string; operations: ConnectorOperation[] }> {
  const before = current.connector.sent.length;
  const activity = cardSubmit({ verb: '', value, from, serviceUrl: current.connector.serviceUrl, ...channel, replyToId: posted.cardActivityId });
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  return { activityId: activity.id, operations: current.connector.sent.slice(before) };
}

/** Returns the `Action.Submit` fallback data of the button with `verb`, as Teams would post it. */
function fallbackData(card: Card, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === verb) {
      found = (record.fallback as { data: Record<string, unknown> }).data;
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  if (!found) throw new Error(`The card has no ${verb} button.`);
  return found;
}

function plainReplies(operations: ConnectorOperation[], activityId: string): ConnectorOperation[] {
  return operations.filter((operation) => operation.type === 'reply' && operation.replyToId === activityId);
}

describe('Action.Submit fallback clicks', () => {
  it('carry the verb and the Execute data', async () => {
    const { pending } = await startWithPending();

    expect(fallbackData(pending, 'request.approve')).toEqual({ ...actionData(pending, 'request.approve'), verb: 'request.approve' });
  });

  it('approve by another admin and run once', async () => {
    const { current, bot, posted, pending } = await startWithPending();

    const { activityId, operations } = await submitClick(current, bot, fallbackData(pending, 'request.approve'), people.megan, posted);

    expect(plainReplies(operations, activityId)).toEqual([]);
    const update = operations.find((operation) => operation.type === 'update' && operation.activityId === posted.cardActivityId);
    expect(update).toBeDefined();
    expect(cardText(cardIn(update!))).toContain('Approved by Megan Bowen');
    await waitForCardUpdate(current, posted, 'Done. Approved by Megan Bowen');
    expect(instantiateCalls(current)).toBe(1);
    expect(bot.logs.filter((line) => line.msg === 'recorded an approval')).toHaveLength(1);
  });

  it('submit a draft with its inputs', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const posted = await askForSetup(world, bot, people.alex, channel);
    // Teams merges the card's input values into the posted value.
    const value = { ...fallbackData(posted.card, 'request.submit'), relayState: meetingRelayState, createTestUser: 'false' };

    const { activityId, operations } = await submitClick(world, bot, value, people.alex, posted);

    expect(plainReplies(operations, activityId)).toEqual([]);
    const update = operations.find((operation) => operation.type === 'update' && operation.activityId === posted.cardActivityId);
    expect(update).toBeDefined();
    expect(cardText(cardIn(update!))).toContain('Waiting for approval');
  });

  it('reject self-approval with a plain message', async () => {
    const { current, bot, posted, pending } = await startWithPending();

    const { activityId, operations } = await submitClick(current, bot, fallbackData(pending, 'request.approve'), people.alex, posted);

    const replies = plainReplies(operations, activityId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.activity.text).toContain('The requester cannot approve their own change request');
    expect(replies[0]!.activity.textFormat).toBe('plain');
    expect(replies[0]!.activity.attachments ?? []).toEqual([]);
    expect(operations.filter((operation) => operation.type === 'update')).toEqual([]);
    expect(instantiateCalls(current)).toBe(0);
    expect(bot.logs.some((line) => line.msg === 'rejected a card click' && line.code === 'self_approval')).toBe(true);
  });

  it('race an Execute of the same approval to one run', async () => {
    const { current, bot, posted, pending } = await startWithPending();

    const [executed] = await Promise.all([
      approveCard(current, bot, pending, people.megan, channel),
      submitClick(current, bot, fallbackData(pending, 'request.approve'), people.megan, posted),
    ]);

    expect(executed.type).toBe('application/vnd.microsoft.card.adaptive');
    await waitForCardUpdate(current, posted, 'Done. Approved by Megan Bowen');
    expect(instantiateCalls(current)).toBe(1);
    expect(bot.logs.filter((line) => line.msg === 'recorded an approval')).toHaveLength(1);
    expect(bot.logs.filter((line) => line.msg === 'responded to a repeated approval with the current card')).toHaveLength(1);
  });

  it.each([
    ['an unknown verb', { requestId: 'CR-1', verb: 'request.teleport' }, 'This button is not available yet'],
    ['a verb that is not a string', { requestId: 'CR-1', verb: 42 }, 'This button sent an incomplete action'],
    ['an empty verb', { requestId: 'CR-1', verb: '' }, 'This button sent an incomplete action'],
  ])('answer %s with a plain sentence', async (_name, value, sentence) => {
    const { current, bot, posted } = await startWithPending();

    const { activityId, operations } = await submitClick(current, bot, value, people.megan, posted);

    const replies = plainReplies(operations, activityId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.activity.text).toContain(sentence);
    expect(replies[0]!.activity.textFormat).toBe('plain');
    expect(operations.filter((operation) => operation.type === 'update')).toEqual([]);
  });

  it('answer malformed approval data as an invoke does', async () => {
    const { current, bot, posted, pending } = await startWithPending();
    const value = { ...fallbackData(pending, 'request.approve'), planHash: 'not-a-hash' };

    const { activityId, operations } = await submitClick(current, bot, value, people.megan, posted);

    const replies = plainReplies(operations, activityId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.activity.text).toContain('planHash');
    expect(operations.filter((operation) => operation.type === 'update')).toEqual([]);
    expect(instantiateCalls(current)).toBe(0);
  });
});
