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
import { registerRotateCertificateHandlers } from './bot/handlers/rotate-certificate-handlers.js';
import { registerUserHandlers } from './bot/handlers/users-handlers.js';
import { requesterChatPasswordDelivery } from './bot/handlers/users-password-delivery.js';
import { createSetupFlow, defaultFlowTuning, type DeliverPassword, type FlowTuning, type SetupFlow } from './bot/flow/index.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import {
  createCredential,
  createGraphClient,
  GraphDirectoryGateway,
  type DirectoryGateway,
  type RetryPolicyOptions,
} from './directory/index.js';
import { addCertificateRoute, cachedCheck, createCertificateLinkSigner, createHttpServer, type ReadinessCheck } from './http/index.js';
import { createLogger, type Logger } from './logging/index.js';
import { ChangeRequestStore, createApprovalPolicy, type ApprovalPolicy } from './requests/index.js';
import { getProfile, goToMeetingProfile } from './sso/index.js';
import { createStorage } from './storage/create-storage.js';
import type { StateStorage } from './storage/types.js';
import type { CloudAdapter } from 'botbuilder';
import type { TokenCredential } from '@azure/identity';

/** Services handed to the features that register handlers and routes. */
export interface BotServices {
  /** The effective configuration; `publicBaseUrl` contains the real port once the server listens. */
  config: Config;
  logger: Logger;
  storage: StateStorage;
  adapter: CloudAdapter;
  messenger: ProactiveMessenger;
  /** The only directory gateway; every feature reads and writes the tenant through it. */
  gateway: DirectoryGateway;
  requests: ChangeRequestStore;
  approvalPolicy: ApprovalPolicy;
  /** The set-up flow: request cards, background runs and the maintenance sweep. */
  flow: SetupFlow;
}

export interface StartBotOverrides {
  logger?: Logger;
  /** Used instead of the store that `config.stateStore` names. */
  storage?: StateStorage;
  /** Checks added to the storage check on /readyz. */
  readinessChecks?: ReadinessCheck[];
  /** Time /readyz waits for each check, in milliseconds. 5000 by default. */
  readinessTimeoutMs?: number;
  /** Registers command and card action handlers. */
  configureRouter?: (router: CommandRouter, services: BotServices) => void;
  /** Adds HTTP routes, such as certificate downloads. */
  routes?: (server: Server, services: BotServices) => void;
  /** Timing of the set-up flow (leases, sweeps, card updates), merged over the defaults. */
  flowTuning?: Partial<FlowTuning>;
  /** Graph retry settings, merged over the defaults. */
  graphRetryPolicy?: Partial<RetryPolicyOptions>;
  /** Replaces the default delivery of a new test user's password (the request's personal chat only). */
  deliverPassword?: (services: Omit<BotServices, 'flow'>) => DeliverPassword;
  /** The clock of change requests, the flow and the /readyz cache; the system clock by default. */
  now?: () => Date;
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

  const directory = buildDirectory(config, logger, overrides.graphRetryPolicy);
  // The managed identity that signs in to Graph also signs in to an Azure Blob account URL.
  const storage = overrides.storage ?? createStorage(config.stateStore, directory.credential ? { credential: directory.credential } : {});
  const adapter = createAdapter(config, logger);
  const messenger = new ProactiveMessenger(adapter, config.bot?.appId ?? '');
  const now = overrides.now ?? (() => new Date());
  const requests = new ChangeRequestStore({ storage, logger: logger.child({ component: 'requests' }), now });
  const approvalPolicy = createApprovalPolicy({
    approverIds: config.approvals.approverIds,
    ...(config.approvals.approverGroupId ? { approverGroupId: config.approvals.approverGroupId } : {}),
    checkMemberGroups: (userId, groupIds) => directory.gateway.checkMemberGroups(userId, groupIds),
    approvalsRequired: config.approvals.approvalsRequired,
    logger,
  });
  const base = { config: effectiveConfig, logger, storage, adapter, messenger, gateway: directory.gateway, requests, approvalPolicy };
  const flowTuning = { ...defaultFlowTuning, maxConcurrentRuns: config.maxConcurrentRuns, ...overrides.flowTuning };
  const signer = createCertificateLinkSigner({ baseUrl: () => effectiveConfig.publicBaseUrl, key: config.linkSigningKey, ttlMs: flowTuning.certificateLinkTtlMs });
  const flow = createSetupFlow({
    ...base,
    tuning: flowTuning,
    now,
    certificateLink: (requestId) => signer.sign(requestId, now()),
    deliverPassword: overrides.deliverPassword
      ? overrides.deliverPassword(base)
      : requesterChatPasswordDelivery({ adapter, appId: config.bot?.appId ?? '', logger }),
  });
  const services: BotServices = { ...base, flow: flow.flow };

  // Handlers from configureRouter come first and keep their command or verb.
  const router = new CommandRouter();
  overrides.configureRouter?.(router, services);
  registerUserHandlers(router, flow.flow);
  registerRotateCertificateHandlers(router, flow.flow);
  flow.register(router);
  const bot = createSsoBot({ config: effectiveConfig, logger, router });

  const server = createHttpServer({
    logger,
    processActivity: (request, response) => adapter.process(request, response, (context) => bot.run(context)),
    readinessChecks: readinessChecks(storage, directory.gateway, now, overrides.readinessChecks ?? []),
    readinessTimeoutMs: overrides.readinessTimeoutMs,
    routes: (httpServer) => {
      addCertificateRoute(httpServer, { signer, logger, now, findCertificate: (requestId) => findCertificate(requests, config.tenantId, requestId) });
      overrides.routes?.(httpServer, services);
    },
  });

  await listen(server, config.port, config.listenHost);
  const url = `http://${config.listenHost === '0.0.0.0' ? '127.0.0.1' : config.listenHost}:${(server.address() as AddressInfo).port}`;
  if (config.publicBaseUrlIsDefault) {
    effectiveConfig.publicBaseUrl = url;
  }
  logger.info({ url, authenticated: config.bot !== undefined, graphEndpoint: config.graph.endpoint }, 'bot started');
  flow.flow.startMaintenance();

  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await flow.flow.close();
    if (!overrides.storage) {
      await storage.close();
    }
    logger.info('bot stopped');
  };
  return { server, url, services, bot, router, close };
}

/** Creates the Graph credential and the directory gateway: the only Graph client of the process. */
function buildDirectory(config: Config, logger: Logger, retryPolicy: Partial<RetryPolicyOptions> = {}): { credential: TokenCredential | undefined; gateway: DirectoryGateway } {
  const credential = createCredential({ ...config.graph, tenantId: config.tenantId });
  const client = createGraphClient({ endpoint: config.graph.endpoint, authorityHost: config.graph.authorityHost, credential });
  const gateway = new GraphDirectoryGateway({
    client,
    retryPolicy: { maxRetryAfterSeconds: config.graph.maxRetryAfterSeconds, ...retryPolicy },
    onRetry: (notice) => logger.debug({ operation: notice.operation, attempt: notice.attempt, delayMs: notice.delayMs, graphRequestId: notice.error.graphRequestId }, 'retrying a Graph request'),
  });
  return { credential, gateway };
}

async function findCertificate(requests: ChangeRequestStore, tenantId: string, requestId: string) {
  const request = await requests.get(requestId);
  const certificate = request?.result?.certificate;
  if (!request || !certificate || request.tenantId.toLowerCase() !== tenantId.toLowerCase()) return undefined;
  return { appName: (getProfile(request.appProfileId) ?? goToMeetingProfile).displayName, certificate };
}

/** Time /readyz reuses the outcome of its Graph request, so probes cannot spend the app's Graph quota. */
const DIRECTORY_CHECK_TTL_MS = 30_000;

/** Lists the storage and directory checks for /readyz. An extra check with the same name replaces the built-in one. */
function readinessChecks(storage: StateStorage, gateway: DirectoryGateway, now: () => Date, extra: ReadinessCheck[]): ReadinessCheck[] {
  const directoryCheck = async (): Promise<void> => void (await gateway.getOrganization());
  const builtIn: ReadinessCheck[] = [
    { name: 'storage', check: () => storage.ping() },
    { name: 'directory', check: cachedCheck(directoryCheck, { ttlMs: DIRECTORY_CHECK_TTL_MS, now }) },
  ];
  const replaced = new Set(extra.map((check) => check.name));
  return [...builtIn.filter((check) => !replaced.has(check.name)), ...extra];
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
