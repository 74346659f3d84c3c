// A whole bot for flow tests: the tenant emulator, the loopback connector,
// SQLite in a temporary directory, and helpers to speak and click as the
// test people. Secrets the bot is given are distinctive sentinels, so a scan
// of everything sent and logged can look for them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPROVERS_GROUP_ID, startTenantEmulator, type StartOptions, type TenantEmulator } from '../../../src/tenant-emulator/index.js';
import type { StartBotOverrides } from '../../../src/main.js';
import { cardAction, messageActivity, people, type ConversationType, type TestPerson } from '../../support/activities.js';
import { startTestBot, type TestBot } from '../../support/bot-server.js';
import { startConnector, type Connector, type ConnectorOperation } from '../../support/connector.js';

export const LINK_SIGNING_SENTINEL = 'link-signing-key-SENTINEL-7c1f9e2a4b6d8f0a1c3e5g7i9k';
export const PASSWORD_SENTINEL = 'Pw-SENTINEL-4d2a9f!x';

export const meetingRelayState = 'https://global.gotomeeting.com';
export const webinarRelayState = 'https://global.gotowebinar.com';

export type Card = Record<string, unknown>;

/** Timings small enough that a test never waits long for a lease, a sweep or a card update. */
export const fastFlow: StartBotOverrides['flowTuning'] = {
  leaseMs: 400,
  maintenanceIntervalMs: 100,
  cardUpdateIntervalMs: 5,
  confirmBackoff: { attempts: 8, initialDelayMs: 1, maxDelayMs: 4 },
};

export const fastGraph: StartBotOverrides['graphRetryPolicy'] = {
  throttling: { initialDelayMs: 1, maxDelayMs: 4, maxAttempts: 6 },
  consistency: { initialDelayMs: 1, maxDelayMs: 4, maxAttempts: 12 },
};

export interface FlowBotOptions {
  env?: Record<string, string>;
  overrides?: Omit<StartBotOverrides, 'logger'>;
}

export interface FlowWorld {
  emulator: TenantEmulator;
  connector: Connector;
  directory: string;
  sqlitePath: string;
  bots: TestBot[];
  startBot(options?: FlowBotOptions): Promise<TestBot>;
  close(): Promise<void>;
}

/** Starts the emulator and the connector, and returns a factory for bots that share one SQLite file. */
export async function startWorld(emulatorOptions: StartOptions = {}): Promise<FlowWorld> {
  const emulator = await startTenantEmulator({ port: 0, ...emulatorOptions });
  const connector = await startConnector();
  const directory = mkdtempSync(join(tmpdir(), 'flow-test-'));
  const sqlitePath = join(directory, 'state.sqlite');
  const bots: TestBot[] = [];
  const closed = new Set<TestBot>();

  const world: FlowWorld = {
    emulator,
    connector,
    directory,
    sqlitePath,
    bots,
    async startBot(options = {}) {
      const bot = await startTestBot({
        env: {
          GRAPH_ENDPOINT: emulator.url,
          STATE_STORE: `sqlite:${sqlitePath}`,
          APPROVER_GROUP_ID: APPROVERS_GROUP_ID,
          LINK_SIGNING_KEY: LINK_SIGNING_SENTINEL,
          ...options.env,
        },
        overrides: { flowTuning: fastFlow, graphRetryPolicy: fastGraph, ...options.overrides },
      });
      const close = bot.close;
      bot.close = async () => {
        if (closed.has(bot)) return;
        closed.add(bot);
        await close();
      };
      bots.push(bot);
      return bot;
    },
    async close() {
      for (const bot of bots) await bot.close();
      await connector.close();
      await emulator.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return world;
}

export interface Place {
  conversationType: ConversationType;
  /** Conversation id to use in place of the default, which gives each person one personal chat. */
  conversationId?: string;
}

export const channel: Place = { conversationType: 'channel' };
export const groupChat: Place = { conversationType: 'groupChat' };
/** Alex's personal chat with the bot. Teams never sends clicks from other people there, but tests may. */
export const alexPersonalChat: Place = { conversationType: 'personal', conversationId: 'a:personal-29:alex-wilber' };

/** Sends a message as `from` and returns the activity. */
export async function say(world: FlowWorld, bot: TestBot, text: string, from: TestPerson, place: Place) {
  const activity = messageActivity({ text, from, serviceUrl: world.connector.serviceUrl, ...place });
  const response = await bot.post(activity);
  if (response.status !== 200) throw new Error(`The bot answered ${response.status} to "${text}".`);
  return activity;
}

export interface ClickAnswer {
  status: number;
  type?: string;
  card?: Card;
  message?: string;
}

/** Clicks an `Action.Execute` as `from` and returns the invoke response body. */
export async function click(
  world: FlowWorld,
  bot: TestBot,
  verb: string,
  data: Record<string, unknown>,
  from: TestPerson,
  place: Place,
  extra: { id?: string; replyToId?: string; tenantId?: string } = {},
): Promise<ClickAnswer> {
  const activity = cardAction({ verb, data, from, serviceUrl: world.connector.serviceUrl, ...place, ...extra });
  const response = await bot.post(activity);
  const body = response.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  const answer: ClickAnswer = { status: response.status, ...(body?.type ? { type: body.type } : {}) };
  if (body?.type === 'application/vnd.microsoft.card.adaptive') answer.card = body.value as Card;
  if (body?.type === 'application/vnd.microsoft.activity.message') answer.message = body.value as string;
  return answer;
}

export function cardIn(operation: ConnectorOperation): Card | undefined {
  const attachments = (operation.activity.attachments as Array<{ content?: Card }> | undefined) ?? [];
  return attachments[0]?.content;
}

/** Returns the text blocks and fact values of a card, joined by newlines. */
export function cardText(card: Card | undefined): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') texts.push(record.text);
      if (typeof record.value === 'string' && record.type === undefined) texts.push(`${String(record.title ?? '')}: ${record.value}`);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return texts.join('\n');
}

/** Finds the first `Action.Execute` with `verb` and returns its data. */
export function actionData(card: Card | undefined, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.verb === verb) {
        found = (record.data as Record<string, unknown>) ?? {};
        return;
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** Returns the data of every `Action.Execute` with `verb`, for cards with one button per item. */
export function allActionData(card: Card | undefined, verb: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.verb === verb) found.push((record.data as Record<string, unknown>) ?? {});
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** Waits for the bot's reply (or send) that carries a card whose text contains `marker`, after `since` operations. */
export function waitForCard(world: FlowWorld, marker: string, options: { type?: ConnectorOperation['type']; activityId?: string; timeoutMs?: number } = {}) {
  return world.connector.waitFor(
    (operation) =>
      (options.type === undefined || operation.type === options.type) &&
      (options.activityId === undefined || operation.activityId === options.activityId) &&
      cardText(cardIn(operation)).includes(marker),
    options.timeoutMs ?? 10_000,
  );
}

export { people };
