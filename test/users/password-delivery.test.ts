import type { ConversationReference } from 'botbuilder';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverPassword } from '../../src/bot/handlers/users-password-delivery.js';
import type { GeneratedSecret } from '../../src/sso/index.js';
import { generatePassword } from '../../src/sso/users/index.js';
import { defaultTenantId, people, testBot } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-server.js';
import { startConnector, type Connector } from '../support/connector.js';
import { collectingLogger } from './support/log-lines.js';

let connector: Connector;
let bot: TestBot;
beforeAll(async () => {
  connector = await startConnector();
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});
beforeEach(() => {
  connector.sent.length = 0;
});

let log: ReturnType<typeof collectingLogger>;
let secret: GeneratedSecret;
beforeEach(() => {
  log = collectingLogger();
  secret = { kind: 'initial-password', stepId: 'create-test-user', userId: 'user-1', userPrincipalName: 'B.Simon@contoso.example', displayName: 'B.Simon', password: generatePassword() };
});
afterEach(() => {
  expect(log.lines.filter((line) => line.includes(secret.password))).toEqual([]);
  expect(bot.logs.filter((line) => JSON.stringify(line).includes(secret.password))).toEqual([]);
});

function reference(conversationType: 'personal' | 'channel', conversationId: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    bot: { ...testBot },
    user: { id: people.alex.id, name: people.alex.name, aadObjectId: people.alex.aadObjectId },
    conversation: { id: conversationId, conversationType, isGroup: conversationType !== 'personal', tenantId: defaultTenantId, name: '' },
  };
}

const requester = { aadObjectId: people.alex.aadObjectId, name: people.alex.name, teamsUserId: people.alex.id, tenantId: defaultTenantId };

function dependencies() {
  return { adapter: bot.running.services.adapter, appId: '', logger: log.logger };
}

describe('deliverPassword', () => {
  it('sends the card in the personal chat of the request', async () => {
    const delivery = await deliverPassword(dependencies(), { conversation: reference('personal', 'a:personal-alex'), requester, tenantId: defaultTenantId }, secret);

    expect(delivery).toBe('personal-chat');
    // botbuilder posts a proactive message as a reply to its continuation activity, so the type may be either.
    expect(connector.sent.map((operation) => operation.conversationId)).toEqual(['a:personal-alex']);
    expect(['send', 'reply']).toContain(connector.sent[0]!.type);
    expect(JSON.stringify(connector.sent[0]!.activity)).toContain(secret.password);
  });

  it('opens a personal chat for a channel request', async () => {
    const channel = '19:channel-general@thread.tacv2;messageid=1';

    const delivery = await deliverPassword(dependencies(), { conversation: reference('channel', channel), requester, tenantId: defaultTenantId }, secret);

    expect(delivery).toBe('personal-chat');
    const [created, sent] = connector.sent;
    expect(created?.type).toBe('createConversation');
    expect(created?.activity).toMatchObject({ isGroup: false, members: [{ id: people.alex.id }], tenantId: defaultTenantId });
    expect(JSON.stringify(created?.activity)).not.toContain(secret.password);
    expect(['send', 'reply']).toContain(sent?.type);
    expect(sent?.conversationId).toBe(created?.conversationId);
    expect(JSON.stringify(sent?.activity)).toContain(secret.password);
    expect(connector.sent.filter((operation) => operation.conversationId === channel)).toEqual([]);
  });

  it('drops the password without a Teams user id', async () => {
    const delivery = await deliverPassword(dependencies(), { conversation: reference('channel', '19:c'), requester: { ...requester, teamsUserId: undefined }, tenantId: defaultTenantId }, secret);

    expect(delivery).toBe('not-shown');
    expect(connector.sent).toEqual([]);
  });

  it('drops the password when Teams refuses the chat', async () => {
    connector.failNext(403, 'ForbiddenOperationException');

    const delivery = await deliverPassword(dependencies(), { conversation: reference('channel', '19:c'), requester, tenantId: defaultTenantId }, secret);

    expect(delivery).toBe('not-shown');
    expect(connector.sent.filter((operation) => operation.type !== 'createConversation')).toEqual([]);
    expect(log.lines.some((line) => line.includes('failed to send the initial password'))).toBe(true);
  });
});
