import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageResponse } from '../../src/bot/index.js';
import { commandCatalog, displayUsage } from '../../src/commands/index.js';
import {
  cardAction,
  foreignTenantId,
  installActivity,
  mentionText,
  messageActivity,
  people,
  type ConversationType,
} from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-server.js';
import { startConnector, type Connector, type ConnectorOperation } from '../support/connector.js';

let connector: Connector;
let bot: TestBot;

beforeAll(async () => {
  connector = await startConnector();
});

afterAll(async () => {
  await connector.close();
});

beforeEach(async () => {
  connector.sent.length = 0;
  bot = await startTestBot({
    overrides: {
      configureRouter: (router) => {
        router.registerCommand('status', async ({ command, context, actor }) => {
          await context.sendActivity(`status for ${command.app?.product ?? 'all apps'} requested by ${actor.aadObjectId}`);
        });
        router.registerCommand('unassign', async ({ command, context }) => {
          const names = command.users.map((user) => (user.kind === 'mention' ? `mention:${user.aadObjectId}` : `${user.kind}:${user.value}`));
          await context.sendActivity(`unassign ${names.join(' ')} from ${command.app?.product ?? 'default'}`);
        });
        router.registerCommand('requests', async () => {
          throw new Error('storage exploded with secret-ish detail');
        });
        router.registerCardAction('test.echo', async ({ data, actor }) =>
          messageResponse(`echo ${String(data.word)} for ${actor.name}`),
        );
        router.registerCardAction('test.fail', async () => {
          throw new Error('card handler failed');
        });
      },
    },
  });
});

afterEach(async () => {
  await bot.close();
});

function cardOf(operation: ConnectorOperation): Record<string, unknown> {
  const attachments = operation.activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }>;
  expect(attachments).toHaveLength(1);
  expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]?.content as Record<string, unknown>;
}

describe('help', () => {
  it.each<[ConversationType, string]>([
    ['personal', 'help'],
    ['groupChat', 'help'],
    ['channel', 'help'],
  ])('returns the help card in a %s conversation', async (conversationType, text) => {
    const activity = messageActivity({ text, conversationType, serviceUrl: connector.serviceUrl });

    const result = await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(result.status).toBe(200);
    expect(reply.type).toBe('reply');
    expect(reply.conversationId).toBe((activity.conversation as { id: string }).id);
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    const cardText = JSON.stringify(card);
    for (const entry of commandCatalog) {
      expect(cardText).toContain(JSON.stringify(displayUsage(entry.usage)).slice(1, -1));
    }
    expect(cardText).not.toContain('${');
  });

  it('answers a channel message that starts with the bot mention', async () => {
    const activity = messageActivity({ text: 'help', conversationType: 'channel', serviceUrl: connector.serviceUrl });
    expect(activity.text).toBe('<at>SSO Bot</at> help');

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(cardOf(reply).type).toBe('AdaptiveCard');
  });
});

describe('unknown text', () => {
  it('suggests the closest command', async () => {
    const activity = messageActivity({ text: 'stauts', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toMatch(/Did you mean "status \[<app>\]"\?/);
    expect(reply.activity.text).toMatch(/Type "help"/);
  });

  it('quotes unknown text as plain text', async () => {
    const activity = messageActivity({ text: 'see [docs](https://example.invalid) ![x](https://example.invalid/a.png)', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toContain('[docs](https://example.invalid)');
    expect(reply.activity.textFormat).toBe('plain');
  });

  it('explains an unsupported app', async () => {
    const activity = messageActivity({ text: 'set up Zoom SSO', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toMatch(/"Zoom" is not an app I can set up/);
  });
});

describe('routing', () => {
  it('passes the parsed command and the actor to the handler', async () => {
    const activity = messageActivity({
      text: 'status GoToWebinar',
      conversationType: 'channel',
      from: people.megan,
      serviceUrl: connector.serviceUrl,
    });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toBe(`status for gotowebinar requested by ${people.megan.aadObjectId}`);
  });

  it('keeps mentions of other people in a channel', async () => {
    const activity = messageActivity({
      text: `unassign ${mentionText(people.adele)} and b.simon@contoso.example from GoToMeeting`,
      conversationType: 'channel',
      mentions: [people.adele],
      serviceUrl: connector.serviceUrl,
    });
    expect(activity.text).toBe('<at>SSO Bot</at> unassign <at>Adele Vance</at> and b.simon@contoso.example from GoToMeeting');

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toBe(`unassign mention:${people.adele.aadObjectId} upn:b.simon@contoso.example from gotomeeting`);
  });

  it('ignores a mention with non-string ids', async () => {
    const activity = messageActivity({ text: `unassign ${mentionText(people.adele)}`, serviceUrl: connector.serviceUrl });
    activity.entities = [{ type: 'mention', text: mentionText(people.adele), mentioned: { id: 7, name: people.adele.name, aadObjectId: 9 } }];

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toBe(`unassign name:${people.adele.name} from default`);
  });

  it('ignores a mention with a numeric text', async () => {
    const activity = messageActivity({ text: 'unassign <at>Lee Gu</at>', serviceUrl: connector.serviceUrl });
    activity.entities = [{ type: 'mention', text: 5, mentioned: { id: '29:lee', name: 'Lee Gu' } }];

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toBe('unassign name:Lee Gu from default');
  });

  it('answers help beside a mention without mentioned', async () => {
    const activity = messageActivity({ text: 'help', serviceUrl: connector.serviceUrl });
    activity.entities = [{ type: 'mention', text: '<at>SSO Bot</at>' }];

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(cardOf(reply).type).toBe('AdaptiveCard');
  });

  it('answers help to a bot mention without text', async () => {
    const activity = messageActivity({ text: 'help', conversationType: 'channel', serviceUrl: connector.serviceUrl });
    delete activity.text;

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(cardOf(reply).type).toBe('AdaptiveCard');
  });

  it('routes rotate certificate to its handler', async () => {
    const activity = messageActivity({ text: 'rotate certificate for GoToMeeting', serviceUrl: connector.serviceUrl });

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    // The test bot's Graph endpoint refuses connections, so the handler reports that it could not read the tenant.
    expect(reply.activity.text).not.toMatch(/not available yet/);
    expect(reply.activity.text).toMatch(/could not read the tenant/);
  });

  it('reports a handler failure with a correlation id', async () => {
    const activity = messageActivity({ text: 'requests', serviceUrl: connector.serviceUrl });

    const result = await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(result.status).toBe(200);
    const text = String(reply.activity.text);
    expect(text).toMatch(/Something went wrong/);
    expect(text).not.toContain('storage exploded');
    const correlationId = /reference: ([0-9a-f-]{36})/.exec(text)?.[1];
    expect(correlationId).toBeDefined();
    const logged = bot.logs.find((line) => line.correlationId === correlationId);
    expect(logged?.msg).toBe('failed to handle an activity');
    expect(JSON.stringify(logged?.err)).toContain('storage exploded');
  });

  it('rejects a command from a sender without aadObjectId', async () => {
    const activity = messageActivity({ text: 'status', serviceUrl: connector.serviceUrl });
    (activity.from as Record<string, unknown>).aadObjectId = undefined;

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toMatch(/could not tell who sent this/);
  });
});

describe('tenant check', () => {
  it('rejects a message from another tenant politely', async () => {
    const activity = messageActivity({ text: 'status', tenantId: foreignTenantId, serviceUrl: connector.serviceUrl });

    const result = await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(result.status).toBe(200);
    expect(reply.activity.text).toMatch(/work only for the organization that installed me/);
    expect(connector.sent).toHaveLength(1);
    const warning = bot.logs.find((line) => line.msg === 'rejected an activity from another tenant');
    expect(warning?.activityTenantId).toBe(foreignTenantId);
    expect(warning?.level).toBe(40);
  });

  it('rejects a card action from another tenant', async () => {
    const activity = cardAction({
      verb: 'test.echo',
      data: { word: 'hi' },
      tenantId: foreignTenantId,
      serviceUrl: connector.serviceUrl,
    });

    const result = await bot.post(activity);

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(/work only for the organization/),
    });
  });

  it.each([
    ['channelData', { channelData: { tenant: { id: foreignTenantId } } }],
    ['conversation', { conversation: { id: 'a:personal-29:alex-wilber', conversationType: 'personal', tenantId: foreignTenantId } }],
  ])('rejects a foreign tenant in %s alone', async (_field, fields) => {
    const activity = { ...messageActivity({ text: 'help', serviceUrl: connector.serviceUrl }), ...fields };

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(reply.activity.text).toMatch(/work only for the organization that installed me/);
    const warning = bot.logs.find((line) => line.msg === 'rejected an activity from another tenant');
    expect(warning?.activityTenantId).toBeNull();
  });

  it('reads the tenant from conversation.tenantId without channelData', async () => {
    const activity = messageActivity({ text: 'help', serviceUrl: connector.serviceUrl });
    activity.channelData = {};

    await bot.post(activity);
    const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

    expect(cardOf(reply).type).toBe('AdaptiveCard');
  });
});

/** POSTs JSON with a chosen Host header, which fetch does not let a caller set. */
function postWithHost(url: string, host: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('serviceUrl check', () => {
  // An IPv4-mapped IPv6 address is not a loopback name, but it reaches the
  // loopback connector, so a regression shows up as a send without leaving the host.
  function disguisedServiceUrl(): string {
    return connector.serviceUrl.replace('127.0.0.1', '[::ffff:127.0.0.1]');
  }

  it('rejects a non-loopback serviceUrl without credentials', async () => {
    const activity = messageActivity({ text: 'help', serviceUrl: disguisedServiceUrl() });

    const result = await bot.post(activity);

    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ code: 'Forbidden' });
    expect(connector.sent).toHaveLength(0);
    const warning = bot.logs.find((line) => line.msg === 'rejected an unauthenticated activity whose serviceUrl is not a loopback address');
    expect(warning?.serviceUrl).toBe(activity.serviceUrl);
  });

  it.each([
    ['a rebound DNS name', 'sso-bot.example.test:3978', 403],
    ['localhost', 'localhost:3978', 200],
    ['an IPv6 loopback address', '[::1]:3978', 200],
  ])('checks a Host header of %s', async (_name, host, status) => {
    const activity = messageActivity({ text: 'help', serviceUrl: connector.serviceUrl });

    const result = await postWithHost(`${bot.url}/api/messages`, host, JSON.stringify(activity));

    expect(result).toBe(status);
    expect(connector.sent).toHaveLength(status === 200 ? 1 : 0);
  });

  it('runs no card action for a non-loopback serviceUrl', async () => {
    const activity = cardAction({ verb: 'test.echo', data: { word: 'hi' }, serviceUrl: disguisedServiceUrl() });

    const result = await bot.post(activity);

    expect(result.status).toBe(403);
    expect(JSON.stringify(result.body)).not.toContain('echo hi');
  });
});

describe('install', () => {
  it('greets with the help card when the bot is added', async () => {
    const activity = installActivity({ conversationType: 'channel', serviceUrl: connector.serviceUrl });

    const result = await bot.post(activity);
    const greeting = await connector.waitFor(() => true);

    expect(result.status).toBe(200);
    expect(JSON.stringify(cardOf(greeting))).toContain('Hi! I set up SAML single sign-on');
  });

  it('stays quiet when someone else is added', async () => {
    const activity = { ...installActivity({ serviceUrl: connector.serviceUrl }), membersAdded: [{ id: people.adele.id }] };

    const result = await bot.post(activity);

    expect(result.status).toBe(200);
    expect(connector.sent).toHaveLength(0);
  });
});

describe('card actions', () => {
  const messageType = 'application/vnd.microsoft.activity.message';

  it('routes a registered verb to its handler', async () => {
    const result = await bot.post(cardAction({ verb: 'test.echo', data: { word: 'hello' }, serviceUrl: connector.serviceUrl }));

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ statusCode: 200, type: messageType, value: 'echo hello for Alex Wilber' });
  });

  it('answers an unknown verb with a sentence', async () => {
    const result = await bot.post(cardAction({ verb: 'no.such.verb', serviceUrl: connector.serviceUrl }));

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ statusCode: 200, type: messageType, value: expect.stringMatching(/not available yet/) });
  });

  it.each([
    ['no value', undefined],
    ['no action', { trigger: 'manual' }],
    ['an action without verb', { action: { type: 'Action.Execute', data: {} } }],
    ['a string value', 'click'],
  ])('answers an invoke with %s with 200', async (_name, value) => {
    const result = await bot.post(cardAction({ verb: 'unused', value, serviceUrl: connector.serviceUrl }));

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ statusCode: 200, type: messageType, value: expect.stringMatching(/incomplete action/) });
  });

  it('reports a handler failure with a correlation id', async () => {
    const result = await bot.post(cardAction({ verb: 'test.fail', serviceUrl: connector.serviceUrl }));

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ statusCode: 200, type: messageType, value: expect.stringMatching(/reference: [0-9a-f-]{36}/) });
    expect(JSON.stringify(result.body)).not.toContain('card handler failed');
  });
});
