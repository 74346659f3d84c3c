import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity';

/** How the bot proves its identity to Microsoft Graph. */
export type CredentialSettings =
  /** System-assigned when `clientId` is absent, user-assigned (`AZURE_CLIENT_ID`) otherwise. */
  | { kind: 'managed-identity'; clientId?: string }
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'client-certificate'; tenantId: string; clientId: string; certificatePath: string }
  /** Reads `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_FEDERATED_TOKEN_FILE` when fields are absent. */
  | { kind: 'workload-identity'; tenantId?: string; clientId?: string; tokenFilePath?: string }
  /** No token at all; allowed only for a loopback Graph endpoint such as the tenant emulator. */
  | { kind: 'none' };

export interface CreateCredentialOptions {
  settings: CredentialSettings;
  /** `AZURE_AUTHORITY_HOST`, for example `https://login.microsoftonline.us` in US Government. */
  authorityHost: string;
  /** `GRAPH_ENDPOINT`; checked to be loopback when `settings.kind` is `none`. */
  endpoint: string;
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

/** Returns the credential for the settings, or `undefined` for `none` on a loopback endpoint. */
export function createCredential(options: CreateCredentialOptions): TokenCredential | undefined {
  const { settings, authorityHost, endpoint } = options;
  switch (settings.kind) {
    case 'managed-identity':
      return settings.clientId === undefined
        ? new ManagedIdentityCredential()
        : new ManagedIdentityCredential({ clientId: settings.clientId });
    case 'client-secret':
      return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, { authorityHost });
    case 'client-certificate':
      return new ClientCertificateCredential(settings.tenantId, settings.clientId, settings.certificatePath, { authorityHost });
    case 'workload-identity':
      return new WorkloadIdentityCredential({
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        tokenFilePath: settings.tokenFilePath,
        authorityHost,
      });
    case 'none':
      if (!isLoopbackEndpoint(endpoint)) {
        throw new CredentialConfigurationError(
          `Graph endpoint ${endpoint} is not a loopback address, so a credential is required. ` +
            'Configure a managed identity, a client secret, a client certificate or workload identity.',
        );
      }
      return undefined;
  }
}
