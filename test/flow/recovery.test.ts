import { afterEach, describe, expect, it, vi } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { ADELE_VANCE_ID } from '../../src/tenant-emulator/index.js';
import type { TestBot } from '../support/bot-server.js';
import { actionData, cardIn, cardText, channel, click, fastFlow, meetingRelayState, people, startWorld, type FlowWorld } from './support/flow-harness.js';
import { approveCard, askForSetup, instantiateCalls, submitRequest, waitForCardUpdate, waitForResults } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

function goToMeetingApplications(current: FlowWorld) {
  return [...current.emulator.state.applications.values()].filter((application) => application.displayName === goToMeetingProfile.instanceDisplayName);
}

async function pendingRequest(current: FlowWorld, bot: TestBot) {
  const posted = await askForSetup(current, bot, people.alex, channel);
  const submitted = await submitRequest(current, bot, posted, people.alex, channel, { relayState: meetingRelayState });
  return { posted, pending: submitted.card! };
}

describe('two instances on one SQLite file', () => {
  it('run one plan when both receive the same approval', async () => {
    world = await startWorld();
    const first = await world.startBot();
    const second = await world.startBot();
    const { posted, pending } = await pendingRequest(world, first);

    const answers = await Promise.all([
      approveCard(world, first, pending, people.megan, channel, { id: 'same-click' }),
      approveCard(world, second, pending, people.megan, channel, { id: 'same-click' }),
    ]);

    for (const answer of answers) expect(cardText(answer.card)).toContain('Approved by Megan Bowen');
    await waitForCardUpdate(world, posted, 'Done.');
    await waitForResults(world);
    expect(instantiateCalls(world, 201)).toBe(1);
    expect(goToMeetingApplications(world)).toHaveLength(1);
  });
});

describe('approval response', () => {
  it('comes before the run finishes its first Graph write', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const { posted, pending } = await pendingRequest(world, bot);
    world.emulator.setFaults([{ method: 'POST', path: '/applicationTemplates/*/instantiate', kind: 'latency', ms: 1500 }]);

    const answer = await approveCard(world, bot, pending, people.megan, channel);

    expect(cardText(answer.card)).toContain('Approved by Megan Bowen — running');
    expect(instantiateCalls(world, 201)).toBe(0);
    await waitForCardUpdate(world, posted, 'Done.');
    expect(instantiateCalls(world, 201)).toBe(1);
  });
});

describe('progress', () => {
  it('shows a Graph retry on the card while it waits', async () => {
    world = await startWorld();
    // The retry waits 2 s, so the card update that shows it is sent before the step goes on.
    const bot = await world.startBot({ overrides: { graphRetryPolicy: { throttling: { initialDelayMs: 2000, maxDelayMs: 2000, maxAttempts: 3 } } } });
    const { posted, pending } = await pendingRequest(world, bot);
    world.emulator.setFaults([{ method: 'PATCH', path: '/servicePrincipals/*', kind: 'status', status: 503, nth: 1 }]);

    await approveCard(world, bot, pending, people.megan, channel);

    await waitForCardUpdate(world, posted, '🔁 retrying (attempt 1');
    await waitForCardUpdate(world, posted, 'Done.');
  });
});

describe('restart while running', () => {
  it('resumes on a new instance and creates one application', async () => {
    world = await startWorld();
    // The lease outlasts the test, so the new instance can resume only because the stopped one released it.
    const first = await world.startBot({ overrides: { flowTuning: { ...fastFlow, leaseMs: 600_000 } } });
    const { posted, pending } = await pendingRequest(world, first);
    world.emulator.setFaults([{ method: 'PATCH', path: '/servicePrincipals/*', kind: 'latency', ms: 2000 }]);

    await approveCard(world, first, pending, people.megan, channel);
    await waitForCardUpdate(world, posted, '▶️ running: Turn on SAML');
    await first.close();
    world.emulator.setFaults([]);

    const second = await world.startBot();
    await waitForCardUpdate(world, posted, 'Done.');
    await waitForResults(world);
    expect(goToMeetingApplications(world)).toHaveLength(1);
    expect(instantiateCalls(world, 201)).toBe(1);
    expect(second.logs.some((line) => line.msg === 'run started' && line.resumed === true)).toBe(true);
    expect(first.logs.some((line) => line.msg === 'released the lease of a stopped run')).toBe(true);
  });

  it('keeps a pending card working on the next instance', async () => {
    world = await startWorld();
    const first = await world.startBot();
    const { posted, pending } = await pendingRequest(world, first);
    await first.close();

    const second = await world.startBot();
    const answer = await approveCard(world, second, pending, people.megan, channel);

    expect(cardText(answer.card)).toContain('Approved by Megan Bowen — running');
    await waitForCardUpdate(world, posted, 'Done.');
    expect(goToMeetingApplications(world)).toHaveLength(1);
  });

  it('resumes an in-flight instantiate without a second application', async () => {
    world = await startWorld();
    const first = await world.startBot();
    const { posted, pending } = await pendingRequest(world, first);
    world.emulator.setFaults([{ method: 'POST', path: '/applicationTemplates/*/instantiate', kind: 'latency', ms: 600 }]);

    await approveCard(world, first, pending, people.megan, channel);
    await waitForCardUpdate(world, posted, '▶️ running: Add GoToMeeting');
    await first.close();
    world.emulator.setFaults([]);
    // The emulator still completes the POST that the stopped instance abandoned.
    await vi.waitFor(() => expect(instantiateCalls(world!, 201)).toBe(1), { timeout: 5000 });

    await world.startBot();
    await waitForCardUpdate(world, posted, 'Done.');
    expect(goToMeetingApplications(world)).toHaveLength(1);
    expect(instantiateCalls(world, 201)).toBe(1);
  });
});

describe('Graph failure', () => {
  async function failedRequest(current: FlowWorld, bot: TestBot) {
    const { posted, pending } = await pendingRequest(current, bot);
    current.emulator.setFaults([{ method: 'PATCH', path: '/applications/*', kind: 'status', status: 503 }]);
    await approveCard(current, bot, pending, people.megan, channel);
    const failed = await waitForCardUpdate(current, posted, 'Failed');
    current.emulator.setFaults([]);
    const card = cardIn(failed)!;
    return { posted, card, text: cardText(card) };
  }

  it('reports step and Graph ids, resumes on retry', async () => {
    world = await startWorld();
    const bot = await world.startBot();
    const { posted, text, card } = await failedRequest(world, bot);
    expect(text).toContain('Microsoft Graph returned the error code');
    expect(text).toContain('Graph request id:');

    const asked = await click(world, bot, 'request.retry', actionData(card, 'request.retry')!, people.alex, channel);
    expect(cardText(asked.card)).toContain('Waiting for approval to retry from the failed step');
    const selfApproved = await approveCard(world, bot, asked.card!, people.alex, channel);
    expect(cardText(selfApproved.card)).toContain('cannot approve their own');

    await approveCard(world, bot, asked.card!, people.megan, channel);
    await waitForCardUpdate(world, posted, 'Done.');
    await waitForResults(world);
    expect(goToMeetingApplications(world)).toHaveLength(1);
    expect(instantiateCalls(world, 201)).toBe(1);
  });

  it('deletes only what the run created after an approved rollback', async () => {
    world = await startWorld();
    const bot = await world.startBot({ env: { APPROVER_IDS: ADELE_VANCE_ID } });
    const usersBefore = [...world.emulator.state.users.keys()].sort();
    const servicePrincipalsBefore = [...world.emulator.state.servicePrincipals.keys()].sort();
    const { posted, card } = await failedRequest(world, bot);
    expect(goToMeetingApplications(world)).toHaveLength(1);

    const asked = await click(world, bot, 'request.rollback', actionData(card, 'request.rollback')!, people.megan, channel);
    expect(cardText(asked.card)).toContain('Waiting for approval to roll back');
    const byAsker = await approveCard(world, bot, asked.card!, people.megan, channel);
    expect(cardText(byAsker.card)).toContain('cannot approve it');

    await approveCard(world, bot, asked.card!, people.adele, channel);
    await waitForCardUpdate(world, posted, 'Rolled back');
    expect(goToMeetingApplications(world)).toHaveLength(0);
    expect([...world.emulator.state.users.keys()].sort()).toEqual(usersBefore);
    expect([...world.emulator.state.servicePrincipals.keys()].sort()).toEqual(servicePrincipalsBefore);
  });

  it('shows a failed rollback, and retry repeats it', async () => {
    world = await startWorld();
    const bot = await world.startBot({ env: { APPROVER_IDS: ADELE_VANCE_ID } });
    const { posted, card } = await failedRequest(world, bot);
    const asked = await click(world, bot, 'request.rollback', actionData(card, 'request.rollback')!, people.alex, channel);
    world.emulator.setFaults([{ method: 'DELETE', path: '/applications/*', kind: 'status', status: 503 }]);
    const failedBefore = cardUpdatesWith(world, posted.cardActivityId, 'Failed');

    await approveCard(world, bot, asked.card!, people.megan, channel);

    await vi.waitFor(() => expect(cardUpdatesWith(world!, posted.cardActivityId, 'Failed')).toBeGreaterThan(failedBefore));
    expect(bot.logs.some((line) => line.msg === 'the run failed unexpectedly')).toBe(true);
    const failedAgain = world.connector.sent.filter((operation) => operation.type === 'update' && operation.activityId === posted.cardActivityId).at(-1);
    expect(cardText(cardIn(failedAgain!))).toContain('The rollback failed: Microsoft Graph returned the error code');
    expect(cardText(cardIn(failedAgain!))).toContain('Graph request id:');
    expect(goToMeetingApplications(world)).toHaveLength(1);

    world.emulator.setFaults([]);
    const latest = await click(world, bot, 'request.retry', actionData(card, 'request.retry')!, people.alex, channel);
    expect(cardText(latest.card)).toContain('Waiting for approval to roll back');
    await approveCard(world, bot, latest.card!, people.adele, channel);
    await waitForCardUpdate(world, posted, 'Rolled back');
    expect(goToMeetingApplications(world)).toHaveLength(0);
  });
});

function cardUpdatesWith(current: FlowWorld, activityId: string, marker: string): number {
  return current.connector.sent.filter((operation) => operation.type === 'update' && operation.activityId === activityId && cardText(cardIn(operation)).includes(marker)).length;
}
