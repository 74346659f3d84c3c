import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorOperation } from '../support/connector.js';
import { alexPersonalChat, cardIn, cardText, channel, people, type Card, type Place } from '../flow/support/flow-harness.js';
import { ask, assignmentsOf, press, startUserWorld, waitForUpdate, type UserWorld } from './support/user-flow.js';

let users: UserWorld;
beforeEach(async () => {
  users = await startUserWorld();
});
afterEach(async () => {
  await users.close();
});

function isPasswordCard(operation: ConnectorOperation): boolean {
  return cardText(cardIn(operation)).includes('Initial password for the test user');
}

/** Reads the password from the one card that may carry it: its monospace text block. */
function passwordIn(card: Card | undefined): string {
  const body = (card?.body as Array<Record<string, unknown>> | undefined) ?? [];
  const block = body.find((element) => element.fontType === 'Monospace');
  if (typeof block?.text !== 'string') throw new Error('The password card has no monospace text block.');
  return block.text;
}

/** Returns the state files (the SQLite database and its journal) whose bytes contain `text`. */
function storedFilesContaining(text: string): string[] {
  const directory = users.world.directory;
  return readdirSync(directory).filter((name) => readFileSync(join(directory, name)).includes(Buffer.from(text, 'utf8')));
}

async function createAndApprove(place: Place): Promise<{ cardActivityId: string; done: ConnectorOperation }> {
  const reply = await ask(users, 'create test user B.Simon', people.alex, place);
  expect(reply.text).toContain('Create a test user for GoToMeeting');
  expect(reply.text).toContain('B.Simon@contoso.example');

  const submitted = await press(users, reply.card!, 'request.submit', people.alex, place);
  await press(users, submitted.card!, 'request.approve', people.megan, place);
  const done = await waitForUpdate(users, reply.operation.activityId!, 'Done');
  return { cardActivityId: reply.operation.activityId!, done };
}

/** Checks that the password appears in exactly one activity, the one to `conversationId`, and in no log line. */
function expectPasswordOnlyIn(conversationId: string): string {
  const cards = users.world.connector.sent.filter(isPasswordCard);
  expect(cards).toHaveLength(1);
  expect(cards[0]!.conversationId).toBe(conversationId);
  const password = passwordIn(cardIn(cards[0]!));
  expect(password.length).toBeGreaterThanOrEqual(16);

  const carrying = users.world.connector.sent.filter((operation) => JSON.stringify(operation.activity).includes(password));
  expect(carrying).toEqual([cards[0]]);
  expect(users.bot.logs.filter((line) => JSON.stringify(line).includes(password))).toEqual([]);
  // The UPN is stored with the request, so the scan does read the stored state.
  expect(storedFilesContaining('B.Simon@contoso.example').length).toBeGreaterThan(0);
  expect(storedFilesContaining(password)).toEqual([]);
  return password;
}

describe('create test user', () => {
  it('sends the password only to the requesting personal chat', async () => {
    const { done } = await createAndApprove(alexPersonalChat);
    const passwordCard = await users.world.connector.waitFor(isPasswordCard);

    expectPasswordOnlyIn('a:personal-29:alex-wilber');
    expect(passwordCard.conversationId).toBe('a:personal-29:alex-wilber');
    expect(cardText(cardIn(done))).toContain('sent to Alex Wilber in a personal chat');
    const user = [...users.world.emulator.state.users.values()].find((candidate) => candidate.userPrincipalName === 'B.Simon@contoso.example')!;
    expect(assignmentsOf(users, user.id as string).map((assignment) => assignment.appRoleId)).toEqual([users.app.userRoleId]);
  });

  it('opens a personal chat when asked in a channel', async () => {
    await createAndApprove(channel);
    const passwordCard = await users.world.connector.waitFor(isPasswordCard);
    const opened = users.world.connector.sent.find((operation) => operation.type === 'createConversation');

    expect(opened?.activity).toMatchObject({ isGroup: false, members: [{ id: people.alex.id }] });
    expect(passwordCard.conversationId).toBe(opened?.conversationId);
    expectPasswordOnlyIn(opened!.conversationId);
  });

  it('explains the reset when no personal chat is possible', async () => {
    users.world.connector.failNext(403, 'ForbiddenOperationException', 'createConversation');
    const reply = await ask(users, 'create test user B.Simon', people.alex, channel);
    const submitted = await press(users, reply.card!, 'request.submit', people.alex, channel);
    await press(users, submitted.card!, 'request.approve', people.megan, channel);

    const done = await waitForUpdate(users, reply.operation.activityId!, 'reset the password in the Microsoft Entra admin center');

    expect(cardText(cardIn(done))).toContain('The initial password is not shown anywhere');
    expect(users.world.connector.sent.filter(isPasswordCard)).toEqual([]);
  });

  it('rejects a name with an accent', async () => {
    const reply = await ask(users, 'create test user Zoë', people.alex, alexPersonalChat);

    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('no accents or spaces');
  });

  it('says an existing user is assigned, not created', async () => {
    const reply = await ask(users, 'create test user zoe.ferreira', people.alex, alexPersonalChat);

    expect(reply.text).toContain('Zoë Ferreira');
    expect(reply.text).toContain('No user is created, because this user already exists');
    expect(reply.text).not.toContain('A new user will be created');
  });
});
