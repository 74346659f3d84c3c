import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type {
  ApprovalConfig,
  BotAppType,
  BotCredentials,
  Config,
  GraphConfig,
  GraphCredentialKind,
  LogLevel,
} from './config.js';
import { ConfigError } from './config-error.js';
import { entraIdPattern, readEnum, readGuid, readPort, readSeconds, readUrl, readWholeNumber, value, valueOrDefault, type Env } from './env-values.js';
import { isLoopbackUrl } from './loopback.js';
import { parseStateStore } from './state-store.js';

const appTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const credentialKinds = [
  'managed-identity',
  'client-secret',
  'client-certificate',
  'workload-identity',
  'none',
] as const;
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the whole configuration once, at start.
 * Throws `ConfigError` naming the first invalid variable and the fix.
 */
export function loadConfig(env: Env): Config {
  const bot = readBotCredentials(env);
  const tenantId = readGuid(env, 'TENANT_ID', { required: true }) as string;
  const graph = readGraphConfig(env, bot !== undefined, tenantId);
  const port = readPort(env);
  const unauthenticatedLoopback = bot === undefined;
  const publicBaseUrl = readPublicBaseUrl(env, port, unauthenticatedLoopback);

  return {
    port,
    listenHost: bot ? '0.0.0.0' : '127.0.0.1',
    bot,
    tenantId,
    graph,
    approvals: readApprovals(env),
    stateStore: parseStateStore(
      valueOrDefault(env, 'STATE_STORE'),
      value(env, 'AZURE_STORAGE_CONNECTION_STRING'),
      value(env, 'AZURE_STORAGE_ACCOUNT_URL'),
    ),
    logLevel: readEnum('LOG_LEVEL', valueOrDefault(env, 'LOG_LEVEL'), logLevels) as LogLevel,
    publicBaseUrl: publicBaseUrl.url,
    publicBaseUrlIsDefault: publicBaseUrl.isDefault,
    linkSigningKey: readLinkSigningKey(env, unauthenticatedLoopback),
    maxConcurrentRuns: readWholeNumber(env, 'MAX_CONCURRENT_RUNS', { min: 1, max: 50 }),
  };
}

function readBotCredentials(env: Env): BotCredentials | undefined {
  const appId = value(env, 'MicrosoftAppId');
  if (appId === undefined) {
    return undefined;
  }

  const appType = readEnum('MicrosoftAppType', valueOrDefault(env, 'MicrosoftAppType'), appTypes) as BotAppType;
  const appPassword = value(env, 'MicrosoftAppPassword');
  const appTenantId = readGuid(env, 'MicrosoftAppTenantId', { required: false });

  if (appType !== 'UserAssignedMSI' && appPassword === undefined) {
    throw new ConfigError(
      'MicrosoftAppPassword',
      `MicrosoftAppPassword is missing for MicrosoftAppType ${appType}. Set the bot's client secret, or use UserAssignedMSI.`,
    );
  }
  if (appType !== 'MultiTenant' && appTenantId === undefined) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `MicrosoftAppTenantId is missing for MicrosoftAppType ${appType}. Set it to the tenant of the bot's app registration.`,
    );
  }

  return { appId, appPassword, appType, appTenantId };
}

function readGraphConfig(env: Env, hasBotCredentials: boolean, managedTenantId: string): GraphConfig {
  const endpoint = readUrl(env, 'GRAPH_ENDPOINT');
  const loopback = isLoopbackUrl(endpoint);

  // Without bot credentials the adapter skips JWT validation, so anyone who can
  // reach /api/messages could change a real tenant.
  if (!loopback && !hasBotCredentials) {
    throw new ConfigError(
      'MicrosoftAppId',
      `MicrosoftAppId is missing while GRAPH_ENDPOINT is ${endpoint}. The bot rejects unauthenticated ` +
        'activities against a real tenant: set MicrosoftAppId and MicrosoftAppPassword, or point ' +
        'GRAPH_ENDPOINT at a loopback tenant emulator.',
    );
  }

  const defaultCredential: GraphCredentialKind = loopback ? 'none' : 'managed-identity';
  const credential = readEnum(
    'GRAPH_CREDENTIAL',
    value(env, 'GRAPH_CREDENTIAL') ?? defaultCredential,
    credentialKinds,
  );

  const graph: GraphConfig = {
    endpoint,
    authorityHost: readUrl(env, 'AZURE_AUTHORITY_HOST'),
    credential,
    // The Graph credential signs in to the tenant the bot manages unless AZURE_TENANT_ID is set.
    tenantId: readGuid(env, 'AZURE_TENANT_ID', { required: false }) ?? managedTenantId,
    clientId: value(env, 'AZURE_CLIENT_ID'),
    clientSecret: value(env, 'AZURE_CLIENT_SECRET'),
    clientCertificatePath: value(env, 'AZURE_CLIENT_CERTIFICATE_PATH'),
    federatedTokenFile: value(env, 'AZURE_FEDERATED_TOKEN_FILE'),
    maxRetryAfterSeconds: readSeconds(env, 'GRAPH_MAX_RETRY_AFTER'),
    loopback,
  };
  checkGraphCredential(graph);
  return graph;
}

function checkGraphCredential(graph: GraphConfig): void {
  const { credential, endpoint } = graph;

  if (credential === 'none' && !graph.loopback) {
    throw new ConfigError(
      'GRAPH_CREDENTIAL',
      `GRAPH_CREDENTIAL is none while GRAPH_ENDPOINT is ${endpoint}. A real Graph endpoint needs a credential: ` +
        'use managed-identity, client-secret, client-certificate or workload-identity.',
    );
  }

  const needs: Partial<Record<GraphCredentialKind, Array<keyof GraphConfig>>> = {
    'client-secret': ['clientId', 'clientSecret'],
    'client-certificate': ['clientId', 'clientCertificatePath'],
    'workload-identity': ['clientId', 'federatedTokenFile'],
  };
  const variableNames: Partial<Record<keyof GraphConfig, string>> = {
    clientId: 'AZURE_CLIENT_ID',
    clientSecret: 'AZURE_CLIENT_SECRET',
    clientCertificatePath: 'AZURE_CLIENT_CERTIFICATE_PATH',
    federatedTokenFile: 'AZURE_FEDERATED_TOKEN_FILE',
  };

  for (const field of needs[credential] ?? []) {
    if (graph[field] === undefined) {
      const variable = variableNames[field] as string;
      throw new ConfigError(variable, `${variable} is missing, and GRAPH_CREDENTIAL ${credential} needs it. Set ${variable}.`);
    }
  }
}

function readApprovals(env: Env): ApprovalConfig {
  const approverIds = (value(env, 'APPROVER_IDS') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

  for (const id of approverIds) {
    if (!entraIdPattern.test(id)) {
      throw new ConfigError(
        'APPROVER_IDS',
        `APPROVER_IDS contains "${id}", which is not an Entra object id. Use comma-separated GUIDs.`,
      );
    }
  }

  const rawRequired = valueOrDefault(env, 'APPROVALS_REQUIRED');
  const required = z.coerce.number().int().min(1).max(10).safeParse(rawRequired);
  if (!/^\d+$/.test(rawRequired) || !required.success) {
    throw new ConfigError(
      'APPROVALS_REQUIRED',
      `APPROVALS_REQUIRED "${rawRequired}" is invalid. Use a whole number from 1 to 10.`,
    );
  }

  return {
    approverIds: approverIds.map((id) => id.toLowerCase()),
    approverGroupId: readGuid(env, 'APPROVER_GROUP_ID', { required: false }),
    approvalsRequired: required.data,
    ttlSeconds: readSeconds(env, 'APPROVAL_TTL'),
  };
}

function readPublicBaseUrl(
  env: Env,
  port: number,
  unauthenticatedLoopback: boolean,
): { url: string; isDefault: boolean } {
  const raw = value(env, 'PUBLIC_BASE_URL');
  if (raw === undefined) {
    if (unauthenticatedLoopback) {
      return { url: `http://127.0.0.1:${port}`, isDefault: true };
    }
    throw new ConfigError(
      'PUBLIC_BASE_URL',
      'PUBLIC_BASE_URL is missing. Set it to the bot\'s public https base URL, for example https://sso-bot.azurewebsites.net.',
    );
  }

  const protocol = unauthenticatedLoopback ? /^https?$/ : /^https$/;
  if (!z.url({ protocol }).safeParse(raw).success) {
    throw new ConfigError(
      'PUBLIC_BASE_URL',
      `PUBLIC_BASE_URL "${raw}" is invalid. Use the bot's public https base URL, for example https://sso-bot.azurewebsites.net.`,
    );
  }
  return { url: raw.replace(/\/+$/, ''), isDefault: false };
}

function readLinkSigningKey(env: Env, unauthenticatedLoopback: boolean): string {
  const raw = value(env, 'LINK_SIGNING_KEY');
  if (raw === undefined) {
    if (unauthenticatedLoopback) {
      return randomBytes(32).toString('base64url');
    }
    throw new ConfigError(
      'LINK_SIGNING_KEY',
      'LINK_SIGNING_KEY is missing. Set it to a random secret of at least 32 characters, for example from `openssl rand -base64 32`.',
    );
  }

  if (raw.length < 32) {
    throw new ConfigError('LINK_SIGNING_KEY', 'LINK_SIGNING_KEY is shorter than 32 characters. Use a longer random secret.');
  }
  return raw;
}
