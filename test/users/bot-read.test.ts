import { afterEach, describe, expect, it } from 'vitest';
import { registerUserReadHandlers } from '../../src/bot/handlers/users-handlers.js';
import { BRITTA_SIMON_ID, SALES_GROUP_ID } from '../../src/tenant-emulator/index.js';
import { cardAction, messageActivity } from '../support/activities.js';
import { startHarness, type Harness } from '../sso/support/engine-harness.js';
import { cardOf, cardTexts, startUserBot, type UserBot } from './support/user-bot.js';
import { otherBritta, pageUsers, seedWith, startWithApp } from './support/users-harness.js';

let harness: Harness | undefined;
let userBot: UserBot | undefined;
afterEach(async () => {
  await userBot?.close();
  await harness?.close();
  userBot = undefined;
  harness = undefined;
});

async function start(h: Harness): Promise<UserBot> {
  harness = h;
  userBot = await startUserBot(h, (router, services) => registerUserReadHandlers(router, { gateway: h.gateway, messenger: services.messenger }));
  return userBot;
}

describe('status command', () => {
  it('shows the settings and the drift in a channel', async () => {
    const h = await startWithApp();
    await h.gateway.patchServicePrincipal(h.servicePrincipal.id!, { samlSingleSignOnSettings: { relayState: 'https://elsewhere.example' } });
    await h.gateway.addAppRoleAssignment(h.servicePrincipal.id!, { principalId: BRITTA_SIMON_ID, appRoleId: h.userRoleId });
    const { bot, connector } = await start(h);
    const activity = messageActivity({ text: 'status GoToMeeting', conversationType: 'channel', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    const card = cardOf(reply);
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('Single sign-on mode: SAML');
    const grouped = h.servicePrincipal.preferredTokenSigningKeyThumbprint!.match(/.{1,8}/g)!.join(' ');
    expect(texts).toContain(`Certificate thumbprint: ${grouped}`);
    expect(texts).toContain('1 user and 0 groups assigned: Britta Simon');
    expect(texts).toContain('RelayState is https://elsewhere.example');
    expect(JSON.stringify(card)).toContain('"verb":"status.repair"');
  });

  it('offers no repair without drift', async () => {
    const h = await startWithApp();
    const { bot, connector } = await start(h);
    const activity = messageActivity({ text: 'status', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const card = cardOf(await connector.waitFor((operation) => operation.replyToId === activity.id));

    expect(cardTexts(card)).toContain('Matches the expected GoToMeeting settings');
    expect(JSON.stringify(card)).not.toContain('status.repair');
  });

  it('says how to set up an app that is missing', async () => {
    const { bot, connector } = await start(await startHarness());
    const activity = messageActivity({ text: 'status', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toBe('GoToMeeting is not set up in this tenant yet. Type "set up GoToMeeting SSO" to set it up first.');
  });
});

describe('who has command', () => {
  it('pages through the assignments', async () => {
    const extra = pageUsers(24);
    const h = await startWithApp({ seed: seedWith([otherBritta, ...extra]) });
    for (const principalId of [...extra.map((user) => user.id), SALES_GROUP_ID]) {
      await h.gateway.addAppRoleAssignment(h.servicePrincipal.id!, { principalId, appRoleId: h.userRoleId });
    }
    const { bot, connector } = await start(h);
    const activity = messageActivity({ text: 'who has GoToMeeting', conversationType: 'groupChat', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const first = cardOf(await connector.waitFor((operation) => operation.replyToId === activity.id));
    const more = JSON.stringify(first).match(/"verb":"assignments\.page","data":(\{[^}]*\})/);

    expect(cardTexts(first)).toContain('Assignments 1–20 of more than 20');
    expect(cardTexts(first)).toContain('👤 Page User 01 (page.user01@example.com)');
    expect(more).not.toBeNull();

    const click = cardAction({ verb: 'assignments.page', data: JSON.parse(more![1]!) as Record<string, unknown>, conversationType: 'groupChat', serviceUrl: connector.serviceUrl });
    const answer = await bot.post(click);
    const second = cardOf(await connector.waitFor((operation) => operation.type === 'send' && JSON.stringify(operation.activity).includes('Assignments 21')));

    expect(answer.status).toBe(200);
    expect(cardTexts(second)).toContain('Assignments 21–25 of 25');
    expect(cardTexts(second)).toContain('👥 Sales');
    expect(JSON.stringify(second)).not.toContain('assignments.page');
  });

  it.each([
    [{ appProfileId: 'gotomeeting', cursor: 'not-a-cursor' }],
    [{ appProfileId: 'unknown-app', cursor: '21~abc' }],
    [{ cursor: 42 }],
  ])('rejects page data %j', async (data) => {
    const { bot, connector } = await start(await startWithApp());

    const answer = await bot.post(cardAction({ verb: 'assignments.page', data, serviceUrl: connector.serviceUrl }));

    expect(answer.body).toMatchObject({ statusCode: 200, value: 'This page link is invalid. Type "who has GoToMeeting" to start again from the first page.' });
  });
});
