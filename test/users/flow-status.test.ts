import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { readStatus } from '../../src/sso/status/index.js';
import { BRITTA_SIMON_ID } from '../../src/tenant-emulator/index.js';
import { actionData, cardIn, cardText, channel, click, people } from '../flow/support/flow-harness.js';
import { ask, press, startUserWorld, waitForUpdate, type UserWorld } from './support/user-flow.js';

let users: UserWorld;
beforeEach(async () => {
  users = await startUserWorld();
});
afterEach(async () => {
  await users.close();
});

async function drift(): Promise<void> {
  const { gateway, servicePrincipal } = users.app;
  const application = [...users.world.emulator.state.applications.values()].find((candidate) => candidate.appId === servicePrincipal.appId)!;
  await gateway.patchServicePrincipal(servicePrincipal.id!, { samlSingleSignOnSettings: { relayState: 'https://elsewhere.example' } });
  await gateway.patchApplication(application.id as string, { web: { redirectUris: ['https://elsewhere.example/acs'] } });
}

describe('status and repair', () => {
  it('shows drift and repairs it through approval', async () => {
    await users.app.gateway.addAppRoleAssignment(users.app.servicePrincipal.id!, { principalId: BRITTA_SIMON_ID, appRoleId: users.app.userRoleId });
    await drift();

    const status = await ask(users, 'status GoToMeeting', people.alex, channel);

    expect(status.text).toContain('Differences from the expected GoToMeeting settings');
    expect(status.text).toContain('The Reply URL is https://elsewhere.example/acs');
    expect(status.text).toContain('RelayState is https://elsewhere.example');
    expect(status.text).toContain('1 user and 0 groups assigned: Britta Simon');

    const repairClick = await press(users, status.card!, 'status.repair', people.alex, channel);
    expect(repairClick.message).toContain('Planning the repair of GoToMeeting');
    const posted = await users.world.connector.waitFor((operation) => operation.type !== 'update' && cardText(cardIn(operation)).includes('Repair GoToMeeting SSO'));
    const repairCard = cardIn(posted)!;

    const submitted = await click(users.world, users.bot, 'request.submit', { ...actionData(repairCard, 'request.submit'), relayState: 'https://global.gotomeeting.com', createTestUser: 'false' }, people.alex, channel);
    expect(cardText(submitted.card)).toContain('Waiting for approval');
    const byRequester = await press(users, submitted.card!, 'request.approve', people.alex, channel);
    expect(cardText(byRequester.card)).toMatch(/Another approver has to decide/);
    await press(users, submitted.card!, 'request.approve', people.megan, channel);
    await waitForUpdate(users, posted.activityId!, 'Done');

    const after = await readStatus(users.app.gateway, goToMeetingProfile);
    expect(after.drift).toEqual([]);
  });

  it('rejects a repair click for an unknown app', async () => {
    const answer = await click(users.world, users.bot, 'status.repair', { appProfileId: 'nope' }, people.alex, channel);

    expect(answer.message).toContain('names no known app');
  });
});
