import { afterEach, describe, expect, it } from 'vitest';
import { personalChatPasswordDelivery, type DeliverPassword } from '../../src/bot/flow/index.js';
import type { TestBot } from '../support/bot-server.js';
import {
  alexPersonalChat,
  cardIn,
  cardText,
  channel,
  LINK_SIGNING_SENTINEL,
  people,
  startWorld,
  webinarRelayState,
  type FlowWorld,
  type Place,
} from './support/flow-harness.js';
import { approveCard, askForSetup, submitRequest, waitForCardUpdate, waitForResults } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Starts a bot whose password delivery is the default one, wrapped to keep a copy of each password for the scan. */
async function startCapturingBot(current: FlowWorld, passwords: string[]): Promise<TestBot> {
  return current.startBot({
    overrides: {
      deliverPassword: (services): DeliverPassword => {
        const deliver = personalChatPasswordDelivery(services.messenger, services.logger);
        return async (recipient, secret) => {
          passwords.push(secret.password);
          return deliver(recipient, secret);
        };
      },
    },
  });
}

async function runWithTestUser(current: FlowWorld, bot: TestBot, place: Place) {
  const posted = await askForSetup(current, bot, people.alex, place);
  const submitted = await submitRequest(current, bot, posted, people.alex, place, { relayState: webinarRelayState, createTestUser: true });
  expect(cardText(submitted.card)).toContain('B.Simon');
  await approveCard(current, bot, submitted.card!, people.megan, place);
  const done = await waitForCardUpdate(current, posted, 'Done.');
  const results = await waitForResults(current);
  return { posted, doneText: cardText(cardIn(done)), results };
}

/** Searches every activity sent and every log line for the secrets and for anything that looks like a key or token. */
function expectNoSecrets(current: FlowWorld, bot: TestBot, secrets: string[], allowedActivity?: (text: string) => boolean) {
  const activities = current.connector.sent.map((operation) => JSON.stringify(operation.activity));
  const logs = bot.logs.map((line) => JSON.stringify(line));

  for (const secret of secrets) {
    expect(logs.filter((line) => line.includes(secret))).toEqual([]);
    expect(activities.filter((text) => text.includes(secret) && !(allowedActivity?.(text) ?? false))).toEqual([]);
  }
  for (const text of [...activities, ...logs]) {
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(text).not.toMatch(/Bearer\s+ey/);
  }
}

function privateKeyBody(current: FlowWorld, doneText: string, certificateText: string): string {
  const thumbprint = /Thumbprint\n([0-9A-F]{40})/.exec(certificateText)?.[1];
  expect(thumbprint, doneText).toBeDefined();
  const pem = current.emulator.signingKeyFor(thumbprint!);
  expect(pem).toBeDefined();
  // A long slice of the key's Base64 is enough to find it anywhere.
  return pem!.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '').slice(40, 120);
}

describe('secrets', () => {
  it('never posts or logs the test user password in a channel', async () => {
    world = await startWorld();
    const passwords: string[] = [];
    const bot = await startCapturingBot(world, passwords);

    const { doneText, results } = await runWithTestUser(world, bot, channel);

    expect(passwords).toHaveLength(1);
    expect(doneText).toContain('reset the password in the Microsoft Entra admin center');
    const keyBody = privateKeyBody(world, doneText, cardText(cardIn(results.certificate)));
    expectNoSecrets(world, bot, [passwords[0]!, LINK_SIGNING_SENTINEL, keyBody]);
  });

  it('sends the password only to the requester in a personal chat', async () => {
    world = await startWorld();
    const passwords: string[] = [];
    const bot = await startCapturingBot(world, passwords);

    const { doneText, results } = await runWithTestUser(world, bot, alexPersonalChat);

    expect(passwords).toHaveLength(1);
    expect(doneText).toContain('sent to Alex Wilber in a personal chat');
    const carrying = world.connector.sent.filter((operation) => JSON.stringify(operation.activity).includes(passwords[0]!));
    expect(carrying).toHaveLength(1);
    expect(carrying[0]?.conversationId).toBe(alexPersonalChat.conversationId);
    const keyBody = privateKeyBody(world, doneText, cardText(cardIn(results.certificate)));
    expectNoSecrets(world, bot, [passwords[0]!, LINK_SIGNING_SENTINEL, keyBody], (text) => text === JSON.stringify(carrying[0]!.activity));
  });
});

describe('default password delivery', () => {
  it('opens a personal chat for a channel request', async () => {
    world = await startWorld();
    const bot = await world.startBot();

    const { doneText, results } = await runWithTestUser(world, bot, channel);

    const passwordCard = await world.connector.waitFor((operation) => cardText(cardIn(operation)).includes('Initial password for the test user'));
    const created = world.connector.sent.find((operation) => operation.type === 'createConversation');
    expect(created?.conversationId).toBe(passwordCard.conversationId);
    expect(passwordCard.conversationId).not.toContain('channel');
    expect(doneText).toContain('sent to Alex Wilber in a personal chat');

    const shown = (cardIn(passwordCard)!.body as Array<{ text: string; fontType?: string }>).find((block) => block.fontType === 'Monospace')!.text;
    const password = shown.replace(/\\(.)/g, '$1');
    expect(password.length).toBeGreaterThan(11);
    const keyBody = privateKeyBody(world, doneText, cardText(cardIn(results.certificate)));
    expectNoSecrets(world, bot, [password, shown, LINK_SIGNING_SENTINEL, keyBody], (text) => text === JSON.stringify(passwordCard.activity));
  });
});

describe('certificate download', () => {
  function downloadUrl(card: Record<string, unknown> | undefined): URL {
    const match = /"url":"([^"]+\/certificates\/[^"]+)"/.exec(JSON.stringify(card));
    expect(match).not.toBeNull();
    return new URL(match![1]!);
  }

  it('serves the certificate on the signed link and 404 on any other', async () => {
    world = await startWorld();
    let offsetMs = 0;
    const bot = await world.startBot({ overrides: { now: () => new Date(Date.now() + offsetMs) } });
    const posted = await askForSetup(world, bot, people.alex, channel);
    const submitted = await submitRequest(world, bot, posted, people.alex, channel, { relayState: webinarRelayState });
    await approveCard(world, bot, submitted.card!, people.megan, channel);
    const { certificate } = await waitForResults(world);
    const url = downloadUrl(cardIn(certificate));
    expect(url.origin).toBe(bot.url);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pkix-cert');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="GoToMeeting-CR-[0-9A-Z]+\.cer"$/);
    const body = await response.text();
    expect(body).toContain('-----BEGIN CERTIFICATE-----');
    expect(cardText(cardIn(certificate)).replace(/\n\n/g, '\n')).toContain(body.trim().split('\n')[1]!);

    const tampered = new URL(url);
    tampered.searchParams.set('sig', `${url.searchParams.get('sig')!.slice(0, -2)}AA`);
    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const otherId = new URL(url.href.replace(/CR-[0-9A-Z]+\.cer/, 'CR-0000.cer'));
    const unsigned = new URL(url);
    unsigned.search = '';
    for (const candidate of [tampered, longer, otherId, unsigned]) {
      const refused = await fetch(candidate);
      expect(refused.status, candidate.href).toBe(404);
      expect(await refused.json()).toEqual({ code: 'NotFound', message: 'Not found.' });
    }

    offsetMs = 8 * 24 * 60 * 60 * 1000;
    const expired = await fetch(url);
    expect(expired.status).toBe(404);
  });
});
