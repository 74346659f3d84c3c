import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText, people, type Place } from '../flow/support/flow-harness.js';
import { ask, press, startUserWorld, waitForUpdate, type UserWorld } from './support/user-flow.js';

const alexChat: Place = { conversationType: 'personal', conversationId: 'a:personal-29:alex-wilber' };

let users: UserWorld;
beforeEach(async () => {
  users = await startUserWorld();
});
afterEach(async () => {
  await users.close();
});

describe('checklist command', () => {
  it('skips a finished user assignment', async () => {
    const reply = await ask(users, 'assign Zoë Ferreira', people.alex, alexChat);
    const submitted = await press(users, reply.card!, 'request.submit', people.alex, alexChat);
    expect(cardText(submitted.card)).toContain('Waiting for approval');
    await press(users, submitted.card!, 'request.approve', people.megan, alexChat);
    await waitForUpdate(users, reply.operation.activityId!, 'Done');

    const checklist = await ask(users, 'checklist', people.alex, alexChat);

    // The assignment is the newest succeeded request of the app, but it has no vendor checklist.
    expect(checklist.card).toBeUndefined();
    expect(checklist.text).toContain('No set-up of GoToMeeting through me has finished yet.');
  });
});
