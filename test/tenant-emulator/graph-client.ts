import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import { GraphError } from '@microsoft/microsoft-graph-client';

// Graph clients for the contract tests. `rawGraphClient` has no retry
// middleware, so injected 429/503/504 faults reach the test unchanged.

const dummyToken: AuthenticationProvider = { getAccessToken: async () => 'emulator-test-token' };

export function graphClient(baseUrl: string): Client {
  return Client.initWithMiddleware({ authProvider: dummyToken, baseUrl: `${baseUrl}/`, defaultVersion: 'v1.0' });
}

export function rawGraphClient(baseUrl: string): Client {
  return Client.initWithMiddleware({
    baseUrl: `${baseUrl}/`,
    defaultVersion: 'v1.0',
    middleware: new HTTPMessageHandler(),
  });
}

export function retryingGraphClient(baseUrl: string, maxRetries: number, delaySeconds: number): Client {
  const retry = new RetryHandler(new RetryHandlerOptions(delaySeconds, maxRetries));
  retry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ baseUrl: `${baseUrl}/`, defaultVersion: 'v1.0', middleware: retry });
}

/** Runs a Graph call expected to fail and returns its GraphError. */
export async function graphError(call: Promise<unknown>): Promise<GraphError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GraphError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the Graph call to fail, but it succeeded');
}

export function errorDetails(error: GraphError): Array<{ code: string; message: string; target?: string }> {
  const body = typeof error.body === 'string' ? (JSON.parse(error.body) as { details?: Array<{ code: string; message: string; target?: string }> }) : undefined;
  return body?.details ?? [];
}
