import { afterEach, describe, expect, it } from 'vitest';
import { ADELE_VANCE_ID } from '../../src/tenant-emulator/index.js';
import { foreignTenantId } from '../support/activities.js';
import type { TestBot } from '../support/bot-server.js';
import {
  actionData,
  cardIn,
  cardText,
  channel,
  click,
  meetingRelayState,
  people,
  say,
  startWorld,
  waitForCard,
  type FlowWorld,
} from './support/flow-harness.js';
import { approveCard, askForSetup, instantiateCalls, submitRequest, waitForCardUpdate } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function pendingRequest(current: FlowWorld, bot: TestBot) {
  const posted = await askForSetup(current, bot, people.alex, channel);
  const submitted = await submitRequest(current, bot, posted, people.alex, channel, { relayState: meetingRelayState });
  expect(cardText(submitted.card)).toContain('Waiting for approval');
  return { posted, pending: submitted.card! };
}

async function startWithPending(env: Record<string, string> = {}, now?: () => Date) {
  world = await startWorld();
  const bot = await world.startBot({ env, ...(now ? { overrides: { now } } : {}) });
  const { posted, pending } = await pendingRequest(world, bot);
  return { current: world, bot, posted, pending };
}

function expectUnchanged(text: string, notice: string) {
  expect(text).toContain('Waiting for approval');
  expect(text).toContain(notice);
}

describe('refused approvals', () => {
  it('rejects self-approval by the requester', async () => {
    const { current, bot, pending } = await startWithPending();

    const answer = await approveCard(current, bot, pending, people.alex, channel);

    expectUnchanged(cardText(answer.card), 'The requester cannot approve their own change request');
    expect(instantiateCalls(current)).toBe(0);
    expect(bot.logs.some((line) => line.msg === 'rejected a card click' && line.code === 'self_approval')).toBe(true);
  });

  it('rejects a person who is no approver', async () => {
    const { current, bot, pending } = await startWithPending();

    const answer = await approveCard(current, bot, pending, people.adele, channel);

    expectUnchanged(cardText(answer.card), 'Only a configured approver');
    expect(instantiateCalls(current)).toBe(0);
  });

  it('rejects a click from another tenant', async () => {
    const { current, bot, pending } = await startWithPending();

    const answer = await click(current, bot, 'request.approve', actionData(pending, 'request.approve')!, people.megan, channel, { tenantId: foreignTenantId });

    expect(answer.card).toBeUndefined();
    expect(answer.message).toContain('only for the organization that installed me');
    expect(instantiateCalls(current)).toBe(0);
  });

  it('rejects clicks from another conversation', async () => {
    const { current, bot, posted, pending } = await startWithPending();
    const elsewhere = { conversationType: 'personal', conversationId: 'a:personal-29:adele-vance' } as const;

    const cancel = await click(current, bot, 'request.cancel', actionData(pending, 'request.cancel')!, people.adele, elsewhere);
    const approval = await click(current, bot, 'request.approve', actionData(pending, 'request.approve')!, people.megan, elsewhere);

    for (const answer of [cancel, approval]) {
      expect(answer.card).toBeUndefined();
      expect(answer.message).toContain('belongs to another conversation');
    }
    await approveCard(current, bot, pending, people.megan, channel);
    await waitForCardUpdate(current, posted, 'Done. Approved by Megan Bowen');
    expect(instantiateCalls(current)).toBe(1);
  });

  it.each([
    ['plan hash', { planHash: 'f'.repeat(64) }],
    ['approval round', { round: 2 }],
  ])('rejects a stale %s', async (_field, change) => {
    const { current, bot, pending } = await startWithPending();

    const data = { ...actionData(pending, 'request.approve'), ...change };
    const answer = await click(current, bot, 'request.approve', data, people.megan, channel);

    expectUnchanged(cardText(answer.card), 'older plan or approval round');
    expect(instantiateCalls(current)).toBe(0);
  });

  it('rejects invalid click data without changing anything', async () => {
    const { current, bot, pending } = await startWithPending();

    const data = { ...actionData(pending, 'request.approve'), planHash: 42 };
    const answer = await click(current, bot, 'request.approve', data, people.megan, channel);

    expectUnchanged(cardText(answer.card), 'invalid data');
    expect(instantiateCalls(current)).toBe(0);
  });

  it('rejects approval of an expired request', async () => {
    let clock = new Date();
    const { current, bot, posted, pending } = await startWithPending({ APPROVAL_TTL: '1h' }, () => clock);
    clock = new Date(clock.getTime() + 2 * 60 * 60 * 1000);

    const answer = await approveCard(current, bot, pending, people.megan, channel);

    expect(cardText(answer.card)).toContain('expired before it was approved');
    expect(cardText(answer.card)).toContain('Expired at');
    await waitForCardUpdate(current, posted, 'without approval');
    expect(instantiateCalls(current)).toBe(0);
  });

  it('expires an overdue request in the sweep and updates its card', async () => {
    let clock = new Date();
    const { current, bot, posted } = await startWithPending({ APPROVAL_TTL: '1h' }, () => clock);
    clock = new Date(clock.getTime() + 2 * 60 * 60 * 1000);

    await bot.running.services.flow.maintain();

    const update = await waitForCardUpdate(current, posted, 'without approval');
    expect(actionData(cardIn(update), 'request.approve')).toBeUndefined();
  });

  it('rejects approval of a cancelled request', async () => {
    const { current, bot, posted, pending } = await startWithPending();

    const cancelled = await click(current, bot, 'request.cancel', actionData(pending, 'request.cancel')!, people.alex, channel);
    expect(cardText(cancelled.card)).toContain('Cancelled by Alex Wilber');
    await waitForCardUpdate(current, posted, 'Cancelled by Alex Wilber');

    const answer = await approveCard(current, bot, pending, people.megan, channel);

    expect(cardText(answer.card)).toContain('already cancelled by Alex Wilber');
    expect(instantiateCalls(current)).toBe(0);
  });

  it('answers a second approver and a repeat', async () => {
    const { current, bot, posted, pending } = await startWithPending({ APPROVER_IDS: ADELE_VANCE_ID });

    const first = await approveCard(current, bot, pending, people.megan, channel);
    expect(cardText(first.card)).toContain('Approved by Megan Bowen');

    const second = await approveCard(current, bot, pending, people.adele, channel);
    expect(cardText(second.card)).toContain('already approved by Megan Bowen');

    const repeat = await approveCard(current, bot, pending, people.megan, channel);
    expect(cardText(repeat.card)).not.toContain('Nothing changed');
    expect(cardText(repeat.card)).toContain('Approved by Megan Bowen');

    await waitForCardUpdate(current, posted, 'Done.');
    expect(instantiateCalls(current)).toBe(1);
  });

  it('waits for two distinct approvers when two are required', async () => {
    const { current, bot, posted, pending } = await startWithPending({ APPROVER_IDS: ADELE_VANCE_ID, APPROVALS_REQUIRED: '2' });

    const first = await approveCard(current, bot, pending, people.megan, channel);
    expect(cardText(first.card)).toContain('Waiting for approval');
    expect(cardText(first.card)).toContain('1 of 2 approvals');

    const again = await approveCard(current, bot, pending, people.megan, channel);
    expect(cardText(again.card)).toContain('1 of 2 approvals');
    expect(instantiateCalls(current)).toBe(0);

    const second = await approveCard(current, bot, pending, people.adele, channel);
    expect(cardText(second.card)).toContain('Approved by Megan Bowen and Adele Vance — running');
    await waitForCardUpdate(current, posted, 'Done.');
    expect(instantiateCalls(current)).toBe(1);
  });

  it('runs once when Teams repeats the same approval invoke', async () => {
    const { current, bot, posted, pending } = await startWithPending();

    const answers = await Promise.all([
      approveCard(current, bot, pending, people.megan, channel, { id: 'invoke-retried-1' }),
      approveCard(current, bot, pending, people.megan, channel, { id: 'invoke-retried-1' }),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(cardText(answer.card)).toContain('Approved by Megan Bowen');
      expect(cardText(answer.card)).not.toContain('Nothing changed');
    }
    await waitForCardUpdate(current, posted, 'Done.');
    expect(instantiateCalls(current)).toBe(1);
  });
});

describe('commands', () => {
  it('cancels by command for the requester only', async () => {
    const { current, bot, posted } = await startWithPending();

    await say(current, bot, `cancel ${posted.requestId}`, people.adele, channel);
    const refused = await current.connector.waitFor((operation) => String(operation.activity.text ?? '').includes('Only the requester or an approver'));
    // Refusals can name people from activities, so they must not render as Markdown.
    expect(refused.activity.textFormat).toBe('plain');

    await say(current, bot, `cancel ${posted.requestId}`, people.alex, channel);
    await current.connector.waitFor((operation) => String(operation.activity.text ?? '').includes(`Cancelled ${posted.requestId}`));
    await waitForCardUpdate(current, posted, 'Cancelled by Alex Wilber');
  });

  it('lists open and recent requests', async () => {
    const { current, bot, posted } = await startWithPending();

    await say(current, bot, 'requests', people.patti, channel);

    const list = await waitForCard(current, 'Open and recent requests');
    expect(cardText(cardIn(list))).toContain(posted.requestId);
    expect(cardText(cardIn(list))).toContain('Waiting for approval');
  });

  it('reports no set-up for certificate and checklist', async () => {
    world = await startWorld();
    const bot = await world.startBot();

    await say(world, bot, 'certificate GoToMeeting', people.alex, channel);
    await say(world, bot, 'checklist for GoToMeeting', people.alex, channel);

    const replies = world.connector.sent.filter((operation) => String(operation.activity.text ?? '').includes('No set-up of GoToMeeting'));
    expect(replies).toHaveLength(2);
  });

  it('says no app is set up for certificate without an app', async () => {
    world = await startWorld();
    const bot = await world.startBot();

    await say(world, bot, 'certificate', people.alex, channel);

    const replies = world.connector.sent.filter((operation) => String(operation.activity.text ?? '').includes('No SSO app is set up in this tenant yet.'));
    expect(replies).toHaveLength(1);
  });
});

