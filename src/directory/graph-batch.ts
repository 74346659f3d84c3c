import type { Client } from '@microsoft/microsoft-graph-client';
import type { BatchGet, BatchResult } from './directory-gateway.js';
import { DirectoryError } from './directory-error.js';
import { callWithRetry, type CallSettings } from './graph-call.js';
import { toDirectoryError } from './graph-error-mapping.js';
import { decideRetry } from './retry-policy.js';

/** Graph accepts at most 20 requests in one `$batch`. */
const maxBatchSize = 20;

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function innerError(response: InnerResponse, url: string): DirectoryError {
  const envelope = (response.body ?? {}) as { error?: { code?: string; message?: string; details?: unknown; innerError?: Record<string, string> } };
  const headers = new Map(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return toDirectoryError(
    {
      statusCode: response.status,
      code: envelope.error?.code,
      message: envelope.error?.message ?? `HTTP ${response.status}`,
      requestId: envelope.error?.innerError?.['request-id'],
      body: JSON.stringify(envelope.error ?? {}),
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    },
    { operation: `GET ${url}`, idempotent: true },
  );
}

async function sendOnce(client: Client, settings: CallSettings, requests: BatchGet[]): Promise<InnerResponse[]> {
  const body = { requests: requests.map(({ id, url, headers }) => ({ id, method: 'GET', url, ...(headers ? { headers } : {}) })) };
  const answer = await callWithRetry(settings, { operation: 'POST /$batch', traits: { idempotent: true } }, () =>
    client.api('/$batch').post(body),
  );
  const responses = (answer as { responses?: InnerResponse[] }).responses;
  if (!Array.isArray(responses)) throw new DirectoryError('invalid_response', 'The $batch response had no responses array.');
  return responses;
}

/**
 * Sends GET requests in batches of 20. An inner 429, 503 or 504 is retried
 * under the same policy as a single request. Any other inner failure is
 * returned as `error` on its result.
 */
export async function batchGet<T>(client: Client, settings: CallSettings, requests: BatchGet[]): Promise<Array<BatchResult<T>>> {
  const results = new Map<string, BatchResult<T>>();
  let pending = requests;

  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const retry: BatchGet[] = [];
    let waitMs = 0;
    for (let start = 0; start < pending.length; start += maxBatchSize) {
      const chunk = pending.slice(start, start + maxBatchSize);
      for (const response of await sendOnce(client, settings, chunk)) {
        const request = chunk.find((candidate) => candidate.id === response.id);
        if (request === undefined) continue;
        if (response.status >= 200 && response.status < 300) {
          results.set(response.id, { id: response.id, status: response.status, body: response.body as T });
          continue;
        }
        const error = innerError(response, request.url);
        const decision = decideRetry(error, attempt, { idempotent: true }, settings.policy);
        if (decision.action === 'retry') {
          retry.push(request);
          waitMs = Math.max(waitMs, decision.delayMs);
        } else {
          results.set(response.id, { id: response.id, status: response.status, error: decision.error });
        }
      }
    }
    pending = retry;
    if (pending.length > 0) await settings.sleep(waitMs);
  }

  return requests.map((request) => results.get(request.id) ?? {
    id: request.id,
    status: 0,
    error: new DirectoryError('invalid_response', `The $batch response had no response for request ${request.id}.`),
  });
}
