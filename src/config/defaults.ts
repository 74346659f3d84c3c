/**
 * Default values of the environment variables, in one table. A variable that
 * is missing here has no default: it is optional or required as `loadConfig`
 * decides. PUBLIC_BASE_URL and LINK_SIGNING_KEY have defaults only in
 * unauthenticated loopback mode, so `loadConfig` fills them in.
 */
export const configDefaults = {
  PORT: '3978',
  MicrosoftAppType: 'MultiTenant',
  GRAPH_ENDPOINT: 'https://graph.microsoft.com',
  AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com',
  APPROVALS_REQUIRED: '1',
  APPROVAL_TTL: '24h',
  STATE_STORE: 'sqlite:./data/state.sqlite',
  LOG_LEVEL: 'info',
  GRAPH_MAX_RETRY_AFTER: '60s',
  MAX_CONCURRENT_RUNS: '4',
} as const satisfies Record<string, string>;
