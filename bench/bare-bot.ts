// The baseline for the overhead measurements: the smallest botbuilder bot on
// the same stack as ours (restify, CloudAdapter without credentials). It
// echoes message text and responds to an `adaptiveCard/action` invoke with a
// message response. Run it as a child process:
//   PORT=0 node --import tsx bench/bare-bot.ts
// It prints one JSON line with the URL once it listens, like the bot's
// "bot started" log line.

import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(_context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // Teams shows a message response's `value` as a sentence, but botbuilder types it as an object.
    const text = `Received ${value.action.verb}.` as unknown as Record<string, unknown>;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  process.stderr.write(`turn failed: ${String(error)}\n`);
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'bare-bot' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (request, response) => {
  await adapter.process(request, response, (context) => bot.run(context));
});
server.get('/readyz', async (_request, response) => {
  response.send(200, { status: 'ready' });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'bot started', url: `http://127.0.0.1:${port}` })}\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
