export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export type GraphCredentialKind =
  | 'managed-identity'
  | 'client-secret'
  | 'client-certificate'
  | 'workload-identity'
  | 'none';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type StateStoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'memory' }
  | { kind: 'azure-blob'; container: string; connectionString?: string; accountUrl?: string };

/** Bot Framework credentials, under botbuilder's standard variable names. */
export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: BotAppType;
  appTenantId?: string;
}

export interface GraphConfig {
  /** Base URL without a trailing slash; requests go to `{endpoint}/v1.0/...`. */
  endpoint: string;
  authorityHost: string;
  credential: GraphCredentialKind;
  /** `AZURE_TENANT_ID`, the tenant the credential signs in to; defaults to `TENANT_ID`. */
  tenantId: string;
  clientId?: string;
  clientSecret?: string;
  clientCertificatePath?: string;
  federatedTokenFile?: string;
  /** A Retry-After longer than this fails the step as throttled instead of waiting. */
  maxRetryAfterSeconds: number;
  /** True when the endpoint is a loopback address (the tenant emulator). */
  loopback: boolean;
}

export interface ApprovalConfig {
  /** Entra object ids of the people who may approve. */
  approverIds: string[];
  /** An Entra group whose members may approve. */
  approverGroupId?: string;
  approvalsRequired: number;
  /** Time a pending request waits for approval before it expires, in seconds. */
  ttlSeconds: number;
}

export interface Config {
  port: number;
  /** `0.0.0.0` with bot credentials (App Service), `127.0.0.1` without. */
  listenHost: string;
  /** Absent in unauthenticated mode, which is allowed only with a loopback Graph endpoint. */
  bot?: BotCredentials;
  /** The Entra tenant the bot manages; activities from other tenants are rejected. */
  tenantId: string;
  graph: GraphConfig;
  approvals: ApprovalConfig;
  stateStore: StateStoreConfig;
  logLevel: LogLevel;
  /** The bot's public base URL without a trailing slash, for download links. */
  publicBaseUrl: string;
  /**
   * True when PUBLIC_BASE_URL was not set and the loopback default is used;
   * the server then replaces the port with the one it actually listens on.
   */
  publicBaseUrlIsDefault: boolean;
  /** Secret for signed links. Random per process when absent in loopback mode. */
  linkSigningKey: string;
  /** Maximum number of change-request runs one instance executes at once. Further approved requests wait in a queue. */
  maxConcurrentRuns: number;
}
