import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpCardAttachment } from '../../src/bot/index.js';
import { defaultTenantId, people, testBot } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-server.js';
import { startConnector, type Connector } from '../support/connector.js';

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

function reference(conversationId: string) {
  return {
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId, conversationType: 'channel', tenantId: defaultTenantId, isGroup: true, name: '' },
    bot: { ...testBot },
    user: { id: people.alex.id, name: people.alex.name },
  };
}

describe('ProactiveMessenger', () => {
  it('sends, replies and updates by conversation reference', async () => {
    const messenger = bot.running.services.messenger;
    const conversationId = '19:channel-general@thread.tacv2;messageid=42';

    const sentId = await messenger.send(reference(conversationId), helpCardAttachment());
    const replyId = await messenger.reply(reference(conversationId), sentId as string, 'step 1 done');
    await messenger.update(reference(conversationId), sentId as string, 'card replaced');

    expect(sentId).toMatch(/^connector-activity-/);
    expect(replyId).toMatch(/^connector-activity-/);
    expect(connector.sent.map((operation) => operation.type)).toEqual(['send', 'reply', 'update']);
    const [send, reply, update] = connector.sent;
    expect(send?.conversationId).toBe(conversationId);
    expect(send?.activity.attachments).toHaveLength(1);
    expect(reply?.replyToId).toBe(sentId);
    expect(reply?.activity.text).toBe('step 1 done');
    expect(update?.activityId).toBe(sentId);
    expect(update?.activity.text).toBe('card replaced');
  });

  it('rejects when the connector fails', async () => {
    connector.failNext(404, 'ConversationNotFound');

    await expect(bot.running.services.messenger.send(reference('a:gone'), 'hello')).rejects.toMatchObject({ statusCode: 404 });
  });
});
