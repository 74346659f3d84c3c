// The real bot server with the user handlers, talking to the tenant emulator
// through the real Graph client and to a Bot Connector stand-in.

import type { CommandRouter } from '../../../src/bot/index.js';
import type { BotServices } from '../../../src/main.js';
import { startTestBot, type TestBot } from '../../support/bot-server.js';
import { startConnector, type Connector, type ConnectorOperation } from '../../support/connector.js';
import type { Harness } from '../../sso/support/engine-harness.js';

export interface UserBot {
  bot: TestBot;
  connector: Connector;
  close(): Promise<void>;
}

export async function startUserBot(harness: Harness, register: (router: CommandRouter, services: BotServices) => void): Promise<UserBot> {
  const connector = await startConnector();
  const bot = await startTestBot({ overrides: { configureRouter: register } });
  return {
    bot,
    connector,
    close: async () => {
      await bot.close();
      await connector.close();
    },
  };
}

/** Returns the Adaptive Card of a sent activity. */
export function cardOf(operation: ConnectorOperation): Record<string, unknown> {
  const attachments = operation.activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  if (card === undefined) throw new Error(`The activity has no Adaptive Card: ${JSON.stringify(operation.activity).slice(0, 300)}`);
  return card.content;
}

/** Collects every TextBlock text and FactSet value of a card, for assertions on what people read. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') texts.push(record.text);
      if (typeof record.value === 'string' && typeof record.title === 'string') texts.push(`${record.title}: ${record.value}`);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return texts;
}
