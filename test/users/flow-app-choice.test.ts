// Naming any app with a profile in chat, and the choice of app for commands
// that name none, through the real bot, the tenant emulator and the
// connector stand-in.

import { afterEach, describe, expect, it } from 'vitest';
import { awsSingleAccountProfile } from '../../src/sso/index.js';
import { ZOE_FERREIRA_ID } from '../../src/tenant-emulator/index.js';
import { cardProblems } from '../cards/card-rules.js';
import { planFor, runWith } from '../sso/support/engine-harness.js';
import type { TestPerson } from '../support/activities.js';
import type { TestBot } from '../support/bot-server.js';
import {
  actionData,
  allActionData,
  alexPersonalChat,
  cardIn,
  cardText,
  click,
  people,
  say,
  startWorld,
  waitForCard,
  type Card,
  type FlowWorld,
  type Place,
} from '../flow/support/flow-harness.js';
import { approveCard, askForSetup, submitRequest, waitForCardUpdate } from '../flow/support/flow-steps.js';
import { harnessFor, installApp, otherBritta, seedWith } from './support/users-harness.js';

const awsConsole = awsSingleAccountProfile.relayStates[0]!.url;

let world: FlowWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Starts a tenant with the given apps set up and a bot over it. */
async function startWith(apps: { goToMeeting?: boolean; aws?: boolean }): Promise<{ world: FlowWorld; bot: TestBot }> {
  world = await startWorld({ seed: seedWith([otherBritta]) });
  const harness = harnessFor(world.emulator);
  if (apps.goToMeeting) await installApp(harness);
  if (apps.aws) {
    const setup = await runWith(harness, await planFor(harness, { relayState: awsConsole, createTestUser: false }, awsSingleAccountProfile));
    if (setup.result.status !== 'succeeded') throw new Error(`AWS set-up failed: ${JSON.stringify(setup.result.failure)}`);
  }
  return { world, bot: await world.startBot() };
}

interface Reply {
  activityId: string;
  card?: Card;
  text: string;
}

/** Sends `text` as `from` and waits for the bot's first reply to it. */
async function ask(current: { world: FlowWorld; bot: TestBot }, text: string, from: TestPerson = people.alex, place: Place = alexPersonalChat): Promise<Reply> {
  const activity = await say(current.world, current.bot, text, from, place);
  const operation = await current.world.connector.waitFor((candidate) => candidate.replyToId === activity.id);
  const card = cardIn(operation);
  return { activityId: operation.activityId!, ...(card ? { card } : {}), text: card ? cardText(card) : String(operation.activity.text ?? '') };
}

function applicationsWith(current: FlowWorld, identifierUri: string) {
  return [...current.emulator.state.applications.values()].filter((application) => (application.identifierUris as string[] | undefined)?.includes(identifierUri));
}

describe('set up <app> SSO', () => {
  it('sets up AWS Single-Account Access from chat', async () => {
    const current = await startWith({});
    const place = alexPersonalChat;

    const posted = await askForSetup(current.world, current.bot, people.alex, place, 'set up AWS Single-Account Access SSO');

    expect(cardText(posted.card)).toContain('AWS Single-Account Access');
    expect(cardText(posted.card)).toContain('Draft');
    expect(cardText(posted.card)).not.toContain('GoToMeeting');

    const submitted = await submitRequest(current.world, current.bot, posted, people.alex, place, { relayState: awsConsole });
    expect(cardText(submitted.card)).toContain('Waiting for approval');
    await approveCard(current.world, current.bot, submitted.card!, people.megan, place);
    await waitForCardUpdate(current.world, posted, 'Done. Approved by Megan Bowen');

    const applications = applicationsWith(current.world, awsSingleAccountProfile.identifierUri);
    expect(applications).toHaveLength(1);
    expect(applications[0]!.web).toMatchObject({ redirectUris: [awsSingleAccountProfile.replyUrl] });
  });

  it.each(['set up AWS SSO', 'configure SSO for Amazon Web Services'])('plans AWS from the alias in %j', async (text) => {
    const current = await startWith({});

    const posted = await askForSetup(current.world, current.bot, people.alex, alexPersonalChat, text);

    expect(cardText(posted.card)).toContain('AWS Single-Account Access');
  });

  it('lists the supported apps for an unknown app', async () => {
    const current = await startWith({});

    const reply = await ask(current, 'set up Zoom SSO');

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('"Zoom" is not an app I can set up.');
    expect(reply.text).toContain('GoToMeeting (also for GoToTraining, GoToWebinar, GoToAssist)');
    expect(reply.text).toContain('AWS Single-Account Access');
    expect(current.world.emulator.state.applications.size).toBe(0);
  });
});

describe('commands without an app', () => {
  it('say that no app is set up', async () => {
    const current = await startWith({});

    const reply = await ask(current, 'assign Zoë Ferreira');

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('No SSO app is set up in this tenant yet.');
    expect(reply.text).toContain('set up GoToMeeting SSO');
  });

  it('use GoToMeeting when only it is set up', async () => {
    const current = await startWith({ goToMeeting: true });

    const reply = await ask(current, 'assign Zoë Ferreira');

    expect(reply.text).toContain('Assign users to GoToMeeting');
    expect(reply.text).toContain('Zoë Ferreira');
  });

  it('use AWS when only it is set up', async () => {
    const current = await startWith({ aws: true });

    const reply = await ask(current, 'status');

    expect(reply.text).toContain('AWS Single-Account Access');
    expect(reply.text).toContain(awsSingleAccountProfile.identifierUri);
  });

  it('ask which app, then continue with the pick', async () => {
    const current = await startWith({ goToMeeting: true, aws: true });

    const reply = await ask(current, 'assign Zoë Ferreira');

    expect(cardProblems(reply.card!)).toEqual([]);
    expect(reply.text).toContain('Assign to which app?');
    const offered = allActionData(reply.card, 'app.pick');
    expect(offered.map((data) => data.appProfileId)).toEqual(['gotomeeting', 'aws-single-account']);
    const awsButton = offered.find((data) => data.appProfileId === awsSingleAccountProfile.id)!;

    const byOther = await click(current.world, current.bot, 'app.pick', awsButton, people.megan, alexPersonalChat, { replyToId: reply.activityId });
    expect(byOther.message).toContain('Only the person who typed the command can pick its app.');

    const picked = await click(current.world, current.bot, 'app.pick', awsButton, people.alex, alexPersonalChat, { replyToId: reply.activityId });
    expect(cardText(picked.card)).toContain('Alex Wilber picked AWS Single-Account Access.');
    expect(cardProblems(picked.card!)).toEqual([]);
    expect(allActionData(picked.card, 'app.pick')).toEqual([]);

    const shared = await waitForCard(current.world, 'Alex Wilber picked AWS Single-Account Access.', { type: 'update', activityId: reply.activityId });
    expect(allActionData(cardIn(shared), 'app.pick')).toEqual([]);
    const requestCard = await waitForCard(current.world, 'Assign users to AWS Single-Account Access');
    expect(cardText(cardIn(requestCard))).toContain('Zoë Ferreira');
    expect(requestCard.replyToId).toBe(reply.activityId);

    const again = await click(current.world, current.bot, 'app.pick', awsButton, people.alex, alexPersonalChat, { replyToId: reply.activityId });
    expect(again.message).toContain('already made');
  });

  it.each([
    ['status', 'Show the status of which app?'],
    ['who has', 'List the assignments of which app?'],
    ['certificate', 'Show the certificate of which app?'],
    ['checklist', 'Show the checklist of which app?'],
    ['rotate certificate', 'Rotate the certificate of which app?'],
    ['create test user', 'Create the test user for which app?'],
    ['unassign Zoë Ferreira', 'Unassign from which app?'],
  ])('ask which app for %j when several are set up', async (text, question) => {
    const current = await startWith({ goToMeeting: true, aws: true });

    const reply = await ask(current, text);

    expect(reply.text).toContain(question);
    expect(allActionData(reply.card, 'app.pick')).toHaveLength(2);
  });

  it('continue create test user with the picked app', async () => {
    const current = await startWith({ goToMeeting: true, aws: true });
    const reply = await ask(current, 'create test user');
    const awsButton = allActionData(reply.card, 'app.pick').find((data) => data.appProfileId === awsSingleAccountProfile.id)!;

    await click(current.world, current.bot, 'app.pick', awsButton, people.alex, alexPersonalChat, { replyToId: reply.activityId });

    const requestCard = await waitForCard(current.world, 'AWS Single-Account Access', { type: 'reply' });
    expect(cardText(cardIn(requestCard))).toContain('B.Simon');
  });

  it('reject a pick of an app the card did not offer', async () => {
    const current = await startWith({ goToMeeting: true, aws: true });
    const reply = await ask(current, 'status');
    const button = actionData(reply.card, 'app.pick')!;

    const tampered = await click(current.world, current.bot, 'app.pick', { ...button, appProfileId: 'gotowebinar' }, people.alex, alexPersonalChat);
    const badId = await click(current.world, current.bot, 'app.pick', { ...button, pickId: 'CR-7F3K' }, people.alex, alexPersonalChat);

    expect(reply.text).toContain('Show the status of which app?');
    expect(tampered.message).toContain('incomplete action');
    expect(badId.message).toContain('incomplete action');
  });
});

describe('commands that name an app', () => {
  it('go to the named app without asking', async () => {
    const current = await startWith({ goToMeeting: true, aws: true });

    const reply = await ask(current, 'assign Zoë Ferreira to AWS');

    expect(reply.text).toContain('Assign users to AWS Single-Account Access');
  });

  it('read "assign AWS to <name>" the other way round', async () => {
    const current = await startWith({ goToMeeting: true, aws: true });

    const reply = await ask(current, 'assign AWS to Zoë Ferreira');

    expect(reply.text).toContain('Assign users to AWS Single-Account Access');
    expect(reply.text).toContain('Zoë Ferreira');
  });

  it('name an unknown app in the answer', async () => {
    const current = await startWith({ goToMeeting: true });

    const reply = await ask(current, 'assign Zoë Ferreira to Zoom');

    expect(reply.text).toContain('"Zoom" is not an app I can set up.');
    expect([...current.world.emulator.state.assignments.values()].filter((assignment) => assignment.principalId === ZOE_FERREIRA_ID)).toEqual([]);
  });
});
