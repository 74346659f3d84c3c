import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  actionData,
  allActionData,
  cardIn,
  cardText,
  channel,
  click,
  groupChat,
  meetingRelayState,
  people,
  say,
  startWorld,
  waitForCard,
  webinarRelayState,
  type Card,
  type FlowWorld,
} from './support/flow-harness.js';
import { approveCard, askForSetup, submitRequest, waitForCardUpdate, waitForResults } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

function choiceValue(card: Card | undefined, id: string): unknown {
  const match = JSON.stringify(card).match(new RegExp(`"id":"${id}"[^}]*?"value":"([^"]*)"`));
  return match?.[1];
}

describe('request card', () => {
  it.each([
    ['set up GoToMeeting SSO', meetingRelayState],
    ['set up GoToWebinar SSO', webinarRelayState],
  ])('preselects the RelayState for "%s"', async (text, relayState) => {
    world = await startWorld();
    const bot = await world.startBot();

    const posted = await askForSetup(world, bot, people.alex, channel, text);

    expect(choiceValue(posted.card, 'relayState')).toBe(relayState);
    expect(JSON.stringify(posted.card)).toContain('Also create and assign the test user B.Simon');
    expect(JSON.stringify(posted.card)).toContain('Show Graph requests');
    expect(actionData(posted.card, 'request.submit')).toBeDefined();
    expect(actionData(posted.card, 'request.cancel')).toBeDefined();
  });

  it('offers nothing to change once the app matches, else a repair', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await askForSetup(world, bot, people.alex, channel);
    const submitted = await submitRequest(world, bot, first, people.alex, channel, { relayState: meetingRelayState });
    await approveCard(world, bot, submitted.card!, people.megan, channel);
    await waitForCardUpdate(world, first, 'Done.');

    const again = await askForSetup(world, bot, people.alex, channel);
    expect(cardText(again.card)).toContain('GoToMeeting already exists in this tenant');
    expect(cardText(again.card)).toContain('Nothing to change');
    expect(actionData(again.card, 'request.submit')).toBeUndefined();

    const repair = await askForSetup(world, bot, people.alex, channel, 'set up GoToWebinar SSO');
    expect(cardText(repair.card)).toContain('Repair GoToMeeting SSO');
    const repairSubmitted = await submitRequest(world, bot, repair, people.alex, channel, { relayState: webinarRelayState });
    expect(cardText(repairSubmitted.card)).toContain('Correct the RelayState');
  });

  it('repairs with current values and an existing B.Simon', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const first = await askForSetup(world, bot, people.alex, channel);
    const submitted = await submitRequest(world, bot, first, people.alex, channel, { relayState: meetingRelayState, createTestUser: true });
    await approveCard(world, bot, submitted.card!, people.megan, channel);
    await waitForCardUpdate(world, first, 'Done.');

    const repair = await askForSetup(world, bot, people.alex, channel, 'set up GoToWebinar SSO');

    const text = cardText(repair.card);
    expect(text).toContain(`RelayState: ${meetingRelayState.replace(/_/g, '\\_')} → ${webinarRelayState.replace(/_/g, '\\_')}`);
    expect(text).toContain('The test user B.Simon already exists and has access to GoToMeeting.');
    expect(JSON.stringify(repair.card)).not.toContain('"id":"createTestUser"');
  });

  it('says why when the tenant cannot be read', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    world.emulator.setFaults([{ method: 'POST', path: '/$batch', kind: 'status', status: 503 }]);

    const activity = await say(world, bot, 'set up GoToMeeting SSO', people.alex, channel);

    const reply = await world.connector.waitFor((operation) => operation.replyToId === activity.id);
    expect(String(reply.activity.text)).toContain('I could not read the tenant, so nothing was planned');
    expect(String(reply.activity.text)).toContain('Graph request id:');
    expect(bot.logs.some((line) => line.msg === 'failed to plan a set-up request')).toBe(true);
  });

  it('keeps a draft on submit by another person', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const posted = await askForSetup(world, bot, people.alex, groupChat);

    const answer = await submitRequest(world, bot, posted, people.megan, groupChat, { relayState: meetingRelayState });

    expect(cardText(answer.card)).toContain('Only Alex Wilber, who asked for');
    expect(cardText(answer.card)).toContain('Draft');
  });

  it('rejects a RelayState that the card did not offer', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const posted = await askForSetup(world, bot, people.alex, channel);
    world.emulator.clearRequestLog();

    const answer = await submitRequest(world, bot, posted, people.alex, channel, { relayState: 'https://evil.example.com' });

    expect(cardText(answer.card)).toContain('not one of the offered choices');
    expect(cardText(answer.card)).toContain('Draft');
    expect(world.emulator.requestLog()).toEqual([]);
  });

  it('records a rejection with its comment', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const posted = await askForSetup(world, bot, people.alex, channel);
    const submitted = await submitRequest(world, bot, posted, people.alex, channel, { relayState: meetingRelayState });

    const data = { ...actionData(submitted.card, 'request.reject'), comment: 'Wrong product' };
    const answer = await click(world, bot, 'request.reject', data, people.megan, channel);

    expect(cardText(answer.card)).toContain('Rejected by Megan Bowen');
    expect(cardText(answer.card)).toContain('Comment from Megan Bowen: Wrong product');
    await waitForCardUpdate(world, posted, 'Rejected by Megan Bowen');
  });
});

describe('card updates', () => {
  it('retries an update that Teams throttled', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const posted = await askForSetup(world, bot, people.alex, channel);

    world.connector.failNext(429, 'Throttled');
    await submitRequest(world, bot, posted, people.alex, channel, { relayState: meetingRelayState });

    await waitForCardUpdate(world, posted, 'Waiting for approval');
    expect(bot.logs.some((line) => line.msg === 'updating the card failed; retrying')).toBe(true);
  });

  it('does not repeat an update of a deleted card', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const posted = await askForSetup(world, bot, people.alex, channel);
    const before = world.connector.sent.length;

    world.connector.failNext(404, 'ActivityNotFoundInConversation');
    await submitRequest(world, bot, posted, people.alex, channel, { relayState: meetingRelayState });

    await vi.waitFor(() => expect(bot.logs.some((line) => line.msg === 'failed to update the card; it shows an older state until the next change')).toBe(true));
    expect(world.connector.sent.slice(before).filter((operation) => operation.type === 'update')).toHaveLength(0);
  });
});

describe('results again', () => {
  /** Starts a bot, has Alex request the GoToMeeting set-up, has Megan approve it and waits for the result messages. */
  async function finishSetup(current: FlowWorld) {
    const bot = await current.startBot();
    const posted = await askForSetup(current, bot, people.alex, channel);
    const submitted = await submitRequest(current, bot, posted, people.alex, channel, { relayState: meetingRelayState });
    await approveCard(current, bot, submitted.card!, people.megan, channel);
    return { bot, results: await waitForResults(current) };
  }

  it('re-posts the certificate and the checklist with its ticks', async () => {
    world = await startWorld();
    const { bot, results } = await finishSetup(world);
    const toggle = allActionData(cardIn(results.checklist), 'checklist.toggle')[1]!;
    await click(world, bot, 'checklist.toggle', toggle, people.patti, channel);
    const sentBefore = world.connector.sent.length;

    await say(world, bot, 'certificate', people.adele, channel);
    await say(world, bot, 'checklist', people.adele, channel);

    const certificate = await waitForCard(world, 'Certificate (Base64)', { type: 'reply' });
    expect(world.connector.sent.indexOf(certificate)).toBeGreaterThanOrEqual(sentBefore);
    const thumbprintOf = (card: Card | undefined) => /Thumbprint\n([0-9A-F]{40})/.exec(cardText(card))?.[1];
    expect(thumbprintOf(cardIn(certificate))).toBeDefined();
    expect(thumbprintOf(cardIn(certificate))).toBe(thumbprintOf(cardIn(results.certificate)));
    await waitForCard(world, 'values for the vendor side', { type: 'reply' });
    const checklist = await waitForCard(world, 'Done by Patti Fernandez', { type: 'reply' });
    expect(cardText(cardIn(checklist))).toContain('1 of');

    const untick = await click(world, bot, 'checklist.toggle', toggle, people.adele, channel);
    expect(cardText(untick.card)).toContain('0 of');
    await waitForCard(world, '0 of', { type: 'update', activityId: checklist.activityId! });
  });

  it('keeps updating the checklist in its own conversation', async () => {
    world = await startWorld();
    const { bot, results } = await finishSetup(world);
    await say(world, bot, 'checklist', people.adele, groupChat);
    await waitForCard(world, '0 of', { type: 'reply' });

    const toggle = allActionData(cardIn(results.checklist), 'checklist.toggle')[1]!;
    await click(world, bot, 'checklist.toggle', toggle, people.patti, channel);

    const update = await waitForCard(world, '1 of', { type: 'update' });
    expect(update.activityId).toBe(results.checklist.activityId);
    expect(update.conversationId).toBe(results.checklist.conversationId);
  });
});
