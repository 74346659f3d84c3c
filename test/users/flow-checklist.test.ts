import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alexPersonalChat, cardText, people } from '../flow/support/flow-harness.js';
import { ask, press, startUserWorld, waitForUpdate, type UserWorld } from './support/user-flow.js';

let users: UserWorld;
beforeEach(async () => {
  users = await startUserWorld();
});
afterEach(async () => {
  await users.close();
});

describe('checklist command', () => {
  it('skips a finished user assignment', async () => {
    const reply = await ask(users, 'assign Zoë Ferreira', people.alex, alexPersonalChat);
    const submitted = await press(users, reply.card!, 'request.submit', people.alex, alexPersonalChat);
    expect(cardText(submitted.card)).toContain('Waiting for approval');
    await press(users, submitted.card!, 'request.approve', people.megan, alexPersonalChat);
    await waitForUpdate(users, reply.operation.activityId!, 'Done');

    const checklist = await ask(users, 'checklist', people.alex, alexPersonalChat);

    // The assignment is the newest succeeded request of the app, but it has no vendor checklist.
    expect(checklist.card).toBeUndefined();
    expect(checklist.text).toContain('No set-up of GoToMeeting through me has finished yet.');
  });
});
