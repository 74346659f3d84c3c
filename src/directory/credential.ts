import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity';

export type CredentialKind = 'managed-identity' | 'client-secret' | 'client-certificate' | 'workload-identity' | 'none';

/**
 * Settings for the bot's Graph credential. The fields match the Graph
 * section of the loaded configuration, so that object can be passed as it is.
 */
export interface CredentialSettings {
  /** `GRAPH_ENDPOINT`; must be loopback when `credential` is `none`. */
  endpoint: string;
  /** `AZURE_AUTHORITY_HOST`, for example `https://login.microsoftonline.us` in US Government. */
  authorityHost: string;
  credential: CredentialKind;
  /** `AZURE_TENANT_ID`; required for client secret and client certificate. */
  tenantId?: string;
  /** `AZURE_CLIENT_ID`; selects a user-assigned managed identity, or names the app registration. */
  clientId?: string;
  clientSecret?: string;
  clientCertificatePath?: string;
  /** `AZURE_FEDERATED_TOKEN_FILE` for workload identity. */
  federatedTokenFile?: string;
}

export class CredentialConfigurationError extends Error {
  readonly code = 'credential_configuration';

  constructor(message: string) {
    super(message);
    this.name = 'CredentialConfigurationError';
  }
}

export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function required(value: string | undefined, variable: string, kind: CredentialKind): string {
  if (value === undefined || value === '') {
    throw new CredentialConfigurationError(`${variable} is missing; the ${kind} Graph credential needs it.`);
  }
  return value;
}

/** Returns the credential the settings choose, or `undefined` for `none` on a loopback endpoint. */
export function createCredential(settings: CredentialSettings): TokenCredential | undefined {
  const { authorityHost, credential: kind } = settings;
  switch (kind) {
    case 'managed-identity':
      return settings.clientId === undefined ? new ManagedIdentityCredential() : new ManagedIdentityCredential({ clientId: settings.clientId });
    case 'client-secret':
      return new ClientSecretCredential(
        required(settings.tenantId, 'AZURE_TENANT_ID', kind),
        required(settings.clientId, 'AZURE_CLIENT_ID', kind),
        required(settings.clientSecret, 'AZURE_CLIENT_SECRET', kind),
        { authorityHost },
      );
    case 'client-certificate':
      return new ClientCertificateCredential(
        required(settings.tenantId, 'AZURE_TENANT_ID', kind),
        required(settings.clientId, 'AZURE_CLIENT_ID', kind),
        required(settings.clientCertificatePath, 'AZURE_CLIENT_CERTIFICATE_PATH', kind),
        { authorityHost },
      );
    case 'workload-identity':
      // Absent fields fall back to AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE, which the workload identity webhook sets.
      return new WorkloadIdentityCredential({ tenantId: settings.tenantId, clientId: settings.clientId, tokenFilePath: settings.federatedTokenFile, authorityHost });
    case 'none':
      if (!isLoopbackEndpoint(settings.endpoint)) {
        throw new CredentialConfigurationError(
          `Graph endpoint ${settings.endpoint} is not a loopback address, so a credential is required. ` +
            'Set GRAPH_CREDENTIAL to managed-identity, client-secret, client-certificate or workload-identity.',
        );
      }
      return undefined;
  }
}
