import { realpathSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Server } from 'restify';
import {
  CommandRouter,
  createAdapter,
  createSsoBot,
  ProactiveMessenger,
  type SsoBot,
} from './bot/index.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { createHttpServer, type ReadinessCheck } from './http/index.js';
import { createLogger, type Logger } from './logging/index.js';
import { createStorage } from './storage/create-storage.js';
import type { StateStorage } from './storage/types.js';
import type { CloudAdapter } from 'botbuilder';

/** Services handed to the features that register handlers and routes. */
export interface BotServices {
  /** The effective configuration; `publicBaseUrl` contains the real port once the server listens. */
  config: Config;
  logger: Logger;
  storage: StateStorage;
  adapter: CloudAdapter;
  messenger: ProactiveMessenger;
}

export interface StartBotOverrides {
  logger?: Logger;
  /** Used instead of the store that `config.stateStore` names. */
  storage?: StateStorage;
  /** Checks added to the storage check on /readyz. */
  readinessChecks?: ReadinessCheck[];
  /** How long /readyz waits for each check; 5000 ms by default. */
  readinessTimeoutMs?: number;
  /** Registers command and card action handlers. */
  configureRouter?: (router: CommandRouter, services: BotServices) => void;
  /** Adds HTTP routes, such as certificate downloads. */
  routes?: (server: Server, services: BotServices) => void;
}

export interface RunningBot {
  server: Server;
  /** The base URL the server listens on, such as http://127.0.0.1:3978. */
  url: string;
  services: BotServices;
  bot: SsoBot;
  router: CommandRouter;
  close(): Promise<void>;
}

/**
 * Builds every dependency from the configuration and starts listening.
 * The only place that creates network clients.
 */
export async function startBot(config: Config, overrides: StartBotOverrides = {}): Promise<RunningBot> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const effectiveConfig: Config = { ...config };

  // TODO: pass an Azure credential here once main builds the directory credential,
  // because azure-blob:// with only AZURE_STORAGE_ACCOUNT_URL needs one.
  const storage = overrides.storage ?? createStorage(config.stateStore);
  const adapter = createAdapter(config, logger);
  const messenger = new ProactiveMessenger(adapter, config.bot?.appId ?? '');
  const services: BotServices = { config: effectiveConfig, logger, storage, adapter, messenger };

  const router = new CommandRouter();
  overrides.configureRouter?.(router, services);
  const bot = createSsoBot({ config: effectiveConfig, logger, router });

  // TODO: add a 'directory' check here once main builds the directory gateway.
  const readinessChecks: ReadinessCheck[] = [{ name: 'storage', check: () => storage.ping() }];
  readinessChecks.push(...(overrides.readinessChecks ?? []));
  const server = createHttpServer({
    logger,
    processActivity: (request, response) => adapter.process(request, response, (context) => bot.run(context)),
    readinessChecks,
    readinessTimeoutMs: overrides.readinessTimeoutMs,
    routes: overrides.routes ? (httpServer) => overrides.routes?.(httpServer, services) : undefined,
  });

  await listen(server, config.port, config.listenHost);
  const url = `http://${config.listenHost === '0.0.0.0' ? '127.0.0.1' : config.listenHost}:${(server.address() as AddressInfo).port}`;
  if (config.publicBaseUrlIsDefault) {
    effectiveConfig.publicBaseUrl = url;
  }
  logger.info({ url, authenticated: config.bot !== undefined, graphEndpoint: config.graph.endpoint }, 'bot started');

  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (!overrides.storage) {
      await storage.close();
    }
    logger.info('bot stopped');
  };
  return { server, url, services, bot, router, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      createLogger('info').fatal({ variable: error.variable }, error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }

  const running = await startBot(config);
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href;
}

if (isEntryPoint()) {
  await main();
}
