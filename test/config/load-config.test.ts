import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDurationSeconds } from '../../src/config/index.js';

const tenantId = '11111111-1111-4111-8111-111111111111';
const loopbackEnv = { TENANT_ID: tenantId, GRAPH_ENDPOINT: 'http://127.0.0.1:4010' };
const botEnv = {
  TENANT_ID: tenantId,
  MicrosoftAppId: '33333333-3333-4333-8333-333333333333',
  MicrosoftAppPassword: 'bot-secret-value',
  PUBLIC_BASE_URL: 'https://sso-bot.example.net/',
  LINK_SIGNING_KEY: 'k'.repeat(32),
};

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('applies defaults in loopback mode', () => {
    const config = loadConfig(loopbackEnv);

    expect(config.port).toBe(3978);
    expect(config.listenHost).toBe('127.0.0.1');
    expect(config.bot).toBeUndefined();
    expect(config.tenantId).toBe(tenantId);
    expect(config.graph).toMatchObject({
      endpoint: 'http://127.0.0.1:4010',
      authorityHost: 'https://login.microsoftonline.com',
      credential: 'none',
      maxRetryAfterSeconds: 60,
      loopback: true,
    });
    expect(config.approvals).toEqual({ approverIds: [], approverGroupId: undefined, approvalsRequired: 1, ttlSeconds: 86_400 });
    expect(config.stateStore).toEqual({ kind: 'sqlite', path: './data/state.sqlite' });
    expect(config.logLevel).toBe('info');
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3978');
    expect(config.publicBaseUrlIsDefault).toBe(true);
    expect(config.linkSigningKey.length).toBeGreaterThanOrEqual(32);
    expect(config.maxConcurrentRuns).toBe(4);
  });

  it('signs the Graph credential in to TENANT_ID unless AZURE_TENANT_ID is set', () => {
    const otherTenant = '22222222-2222-4222-8222-222222222222';

    expect(loadConfig(loopbackEnv).graph.tenantId).toBe(tenantId);
    expect(loadConfig({ ...loopbackEnv, AZURE_TENANT_ID: otherTenant }).graph.tenantId).toBe(otherTenant);
    expect(configError({ ...loopbackEnv, AZURE_TENANT_ID: 'contoso' }).variable).toBe('AZURE_TENANT_ID');
  });

  it('generates a different link key per load in loopback mode', () => {
    expect(loadConfig(loopbackEnv).linkSigningKey).not.toBe(loadConfig(loopbackEnv).linkSigningKey);
  });

  it('reads bot credentials and listens on all interfaces', () => {
    const config = loadConfig({ ...botEnv, PORT: '8080' });

    expect(config.listenHost).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
    expect(config.bot).toEqual({
      appId: botEnv.MicrosoftAppId,
      appPassword: 'bot-secret-value',
      appType: 'MultiTenant',
      appTenantId: undefined,
    });
    expect(config.graph).toMatchObject({ endpoint: 'https://graph.microsoft.com', credential: 'managed-identity', loopback: false });
    expect(config.publicBaseUrl).toBe('https://sso-bot.example.net');
    expect(config.publicBaseUrlIsDefault).toBe(false);
    expect(config.linkSigningKey).toBe('k'.repeat(32));
  });

  it.each([
    [{ APPROVER_IDS: ' 22222222-2222-4222-8222-222222222222 ,44444444-4444-4444-8444-444444444444' }, 'approvals', {
      approverIds: ['22222222-2222-4222-8222-222222222222', '44444444-4444-4444-8444-444444444444'],
      approverGroupId: undefined,
      approvalsRequired: 1,
      ttlSeconds: 86_400,
    }],
    [{ APPROVALS_REQUIRED: '2', APPROVAL_TTL: '90m' }, 'approvals', {
      approverIds: [],
      approverGroupId: undefined,
      approvalsRequired: 2,
      ttlSeconds: 5400,
    }],
    [{ STATE_STORE: 'memory:' }, 'stateStore', { kind: 'memory' }],
    [{ STATE_STORE: 'sqlite:/var/lib/bot/state.db' }, 'stateStore', { kind: 'sqlite', path: '/var/lib/bot/state.db' }],
    [
      { STATE_STORE: 'azure-blob://sso-bot-state', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
      'stateStore',
      { kind: 'azure-blob', container: 'sso-bot-state', connectionString: 'UseDevelopmentStorage=true', accountUrl: undefined },
    ],
    [{ LOG_LEVEL: 'DEBUG' }, 'logLevel', 'debug'],
    [{ PUBLIC_BASE_URL: 'http://127.0.0.1:9000/' }, 'publicBaseUrl', 'http://127.0.0.1:9000'],
    [{ PORT: '0' }, 'publicBaseUrl', 'http://127.0.0.1:0'],
    [{ MAX_CONCURRENT_RUNS: '1' }, 'maxConcurrentRuns', 1],
    [{ MAX_CONCURRENT_RUNS: ' 50 ' }, 'maxConcurrentRuns', 50],
  ] as const)('reads %j', (extra, key, expected) => {
    expect(loadConfig({ ...loopbackEnv, ...extra })[key]).toEqual(expected);
  });

  it.each([
    ['GRAPH_CREDENTIAL client-secret', { GRAPH_CREDENTIAL: 'client-secret', AZURE_CLIENT_ID: 'a', AZURE_CLIENT_SECRET: 's' }, 'client-secret'],
    ['GRAPH_CREDENTIAL workload-identity', { GRAPH_CREDENTIAL: 'workload-identity', AZURE_CLIENT_ID: 'a', AZURE_FEDERATED_TOKEN_FILE: '/var/run/token' }, 'workload-identity'],
    ['GRAPH_CREDENTIAL client-certificate', { GRAPH_CREDENTIAL: 'client-certificate', AZURE_CLIENT_ID: 'a', AZURE_CLIENT_CERTIFICATE_PATH: '/etc/cert.pem' }, 'client-certificate'],
  ])('accepts %s', (_name, extra, credential) => {
    expect(loadConfig({ ...botEnv, ...extra }).graph.credential).toBe(credential);
  });

  it.each([
    ['missing TENANT_ID', { GRAPH_ENDPOINT: 'http://127.0.0.1:4010' }, 'TENANT_ID', /TENANT_ID is missing/],
    ['TENANT_ID not a GUID', { ...loopbackEnv, TENANT_ID: 'contoso' }, 'TENANT_ID', /not a GUID/],
    ['real Graph without bot credentials', { TENANT_ID: tenantId }, 'MicrosoftAppId', /MicrosoftAppId is missing while GRAPH_ENDPOINT is https:\/\/graph\.microsoft\.com/],
    ['national cloud without bot credentials', { TENANT_ID: tenantId, GRAPH_ENDPOINT: 'https://graph.microsoft.us' }, 'MicrosoftAppId', /MicrosoftAppId/],
    ['GRAPH_CREDENTIAL none on a real endpoint', { ...botEnv, GRAPH_CREDENTIAL: 'none' }, 'GRAPH_CREDENTIAL', /GRAPH_CREDENTIAL is none/],
    ['unknown GRAPH_CREDENTIAL', { ...botEnv, GRAPH_CREDENTIAL: 'password' }, 'GRAPH_CREDENTIAL', /Use one of: managed-identity/],
    ['client secret without AZURE_CLIENT_SECRET', { ...botEnv, GRAPH_CREDENTIAL: 'client-secret', AZURE_CLIENT_ID: 'a' }, 'AZURE_CLIENT_SECRET', /AZURE_CLIENT_SECRET is missing/],
    ['workload identity without token file', { ...botEnv, GRAPH_CREDENTIAL: 'workload-identity', AZURE_CLIENT_ID: 'a' }, 'AZURE_FEDERATED_TOKEN_FILE', /AZURE_FEDERATED_TOKEN_FILE/],
    ['certificate without AZURE_CLIENT_ID', { ...botEnv, GRAPH_CREDENTIAL: 'client-certificate', AZURE_CLIENT_CERTIFICATE_PATH: '/c' }, 'AZURE_CLIENT_ID', /AZURE_CLIENT_ID/],
    ['bot id without password', { ...botEnv, MicrosoftAppPassword: '' }, 'MicrosoftAppPassword', /MicrosoftAppPassword is missing/],
    ['single tenant without tenant id', { ...botEnv, MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId', /MicrosoftAppTenantId is missing/],
    ['unknown app type', { ...botEnv, MicrosoftAppType: 'Personal' }, 'MicrosoftAppType', /MultiTenant, SingleTenant, UserAssignedMSI/],
    ['PUBLIC_BASE_URL missing with credentials', { ...botEnv, PUBLIC_BASE_URL: '' }, 'PUBLIC_BASE_URL', /PUBLIC_BASE_URL is missing/],
    ['PUBLIC_BASE_URL over http with credentials', { ...botEnv, PUBLIC_BASE_URL: 'http://sso-bot.example.net' }, 'PUBLIC_BASE_URL', /public https base URL/],
    ['LINK_SIGNING_KEY missing with credentials', { ...botEnv, LINK_SIGNING_KEY: undefined }, 'LINK_SIGNING_KEY', /LINK_SIGNING_KEY is missing/],
    ['LINK_SIGNING_KEY too short', { ...loopbackEnv, LINK_SIGNING_KEY: 'short' }, 'LINK_SIGNING_KEY', /shorter than 32/],
    ['PORT not a number', { ...loopbackEnv, PORT: 'eighty' }, 'PORT', /PORT "eighty" is invalid/],
    ['PORT out of range', { ...loopbackEnv, PORT: '70000' }, 'PORT', /0 to 65535/],
    ['GRAPH_ENDPOINT not a URL', { ...loopbackEnv, GRAPH_ENDPOINT: 'graph' }, 'GRAPH_ENDPOINT', /not an http\(s\) URL/],
    ['APPROVER_IDS with a name', { ...loopbackEnv, APPROVER_IDS: 'megan' }, 'APPROVER_IDS', /"megan", which is not an Entra object id/],
    ['APPROVER_GROUP_ID not a GUID', { ...loopbackEnv, APPROVER_GROUP_ID: 'admins' }, 'APPROVER_GROUP_ID', /not a GUID/],
    ['APPROVALS_REQUIRED zero', { ...loopbackEnv, APPROVALS_REQUIRED: '0' }, 'APPROVALS_REQUIRED', /from 1 to 10/],
    ['APPROVAL_TTL without a number', { ...loopbackEnv, APPROVAL_TTL: 'one day' }, 'APPROVAL_TTL', /24h, 90m or 3600s/],
    ['GRAPH_MAX_RETRY_AFTER zero', { ...loopbackEnv, GRAPH_MAX_RETRY_AFTER: '0s' }, 'GRAPH_MAX_RETRY_AFTER', /not a duration/],
    ['unknown STATE_STORE', { ...loopbackEnv, STATE_STORE: 'redis://x' }, 'STATE_STORE', /not a known store/],
    ['sqlite without a path', { ...loopbackEnv, STATE_STORE: 'sqlite:' }, 'STATE_STORE', /names no file/],
    ['blob store with a bad container', { ...loopbackEnv, STATE_STORE: 'azure-blob://Bad_Name', AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net' }, 'STATE_STORE', /invalid container name/],
    ['blob store without a connection', { ...loopbackEnv, STATE_STORE: 'azure-blob://state' }, 'AZURE_STORAGE_CONNECTION_STRING', /neither AZURE_STORAGE_CONNECTION_STRING nor AZURE_STORAGE_ACCOUNT_URL/],
    ['MAX_CONCURRENT_RUNS zero', { ...loopbackEnv, MAX_CONCURRENT_RUNS: '0' }, 'MAX_CONCURRENT_RUNS', /from 1 to 50/],
    ['MAX_CONCURRENT_RUNS above 50', { ...loopbackEnv, MAX_CONCURRENT_RUNS: '51' }, 'MAX_CONCURRENT_RUNS', /MAX_CONCURRENT_RUNS "51" is invalid/],
    ['MAX_CONCURRENT_RUNS a fraction', { ...loopbackEnv, MAX_CONCURRENT_RUNS: '2.5' }, 'MAX_CONCURRENT_RUNS', /whole number/],
    ['MAX_CONCURRENT_RUNS a word', { ...loopbackEnv, MAX_CONCURRENT_RUNS: 'four' }, 'MAX_CONCURRENT_RUNS', /whole number/],
    ['unknown LOG_LEVEL', { ...loopbackEnv, LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /LOG_LEVEL "verbose" is invalid/],
  ])('rejects %s', (_name, env, variable, message) => {
    const error = configError(env);
    expect(error).toMatchObject({ name: 'ConfigError', code: 'invalid_config', variable });
    expect(error.message).toMatch(message);
  });

  it('never puts a secret in an error message', () => {
    const error = configError({ ...botEnv, MicrosoftAppPassword: 'bot-secret-value', LINK_SIGNING_KEY: 'short-secret' });
    expect(error.message).not.toContain('short-secret');
    expect(error.message).not.toContain('bot-secret-value');
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['24h', 86_400],
    ['90m', 5400],
    ['3600s', 3600],
    ['3600', 3600],
    ['2d', 172_800],
    [' 5 M ', 300],
    ['0s', undefined],
    ['-1h', undefined],
    ['1.5h', undefined],
    ['h', undefined],
    ['10w', undefined],
  ])('reads %j', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });
});

describe('Entra ids', () => {
  it('accepts the Agents Playground tenant id form', () => {
    const playgroundTenant = '00000000-0000-0000-0000-0000000000001';
    expect(loadConfig({ ...loopbackEnv, TENANT_ID: playgroundTenant }).tenantId).toBe(playgroundTenant);
  });
});
