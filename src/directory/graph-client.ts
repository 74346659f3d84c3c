import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { isLoopbackEndpoint } from './credential.js';
import { RequestIdMiddleware } from './request-ids.js';

export interface GraphClientOptions {
  /** `GRAPH_ENDPOINT` without the version, for example `https://graph.microsoft.com`. */
  endpoint: string;
  /** `AZURE_AUTHORITY_HOST`; the credential uses it, kept here so callers pass one settings object. */
  authorityHost: string;
  /** `undefined` only for a loopback endpoint. */
  credential: TokenCredential | undefined;
}

/** Sends no Authorization header; used for the tenant emulator on loopback. */
class NoAuthenticationMiddleware implements Middleware {
  private next?: Middleware;

  async execute(context: Parameters<Middleware['execute']>[0]): Promise<void> {
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Builds a Graph client whose chain is authentication → request-id capture →
 * HTTP. The SDK's RetryHandler is left out on purpose: it would repeat POSTs
 * such as `instantiate` after a 503, and the gateway's retry policy decides
 * instead.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  // The SDK compares host names without the port, and it sends tokens over HTTPS only.
  const hostname = new URL(endpoint).hostname;

  let first: Middleware;
  if (options.credential === undefined) {
    if (!isLoopbackEndpoint(endpoint)) {
      throw new TypeError(`A credential is required for the non-loopback Graph endpoint ${endpoint}.`);
    }
    first = new NoAuthenticationMiddleware();
  } else {
    const provider = new TokenCredentialAuthenticationProvider(options.credential, { scopes: [`${endpoint}/.default`] });
    first = new AuthenticationHandler(provider);
  }

  const requestIds = new RequestIdMiddleware();
  const http = new HTTPMessageHandler();
  first.setNext?.(requestIds);
  requestIds.setNext(http);

  return Client.initWithMiddleware({
    baseUrl: endpoint,
    defaultVersion: 'v1.0',
    middleware: first,
    customHosts: new Set([hostname]),
  });
}
