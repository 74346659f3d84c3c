import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { FaultBook } from './fault-book.js';
import { statusFaultError, totalLatency } from './fault-book.js';
import { GraphRequestError } from './graph-error.js';
import type { EmulatedRequest, EmulatedResponse } from './http-types.js';
import type { RouteContext } from './route-context.js';
import { errorResponse, routeRequest } from './router.js';
import type { TenantState } from './tenant-state.js';
import type { FaultRule, LoggedRequest } from './types.js';

/** The outcome of one `/v1.0` request before it is written to the socket. */
export interface PipelineResult {
  response: EmulatedResponse;
  /** Set when a drop fault destroys the socket instead of sending the response. */
  drop?: 'before' | 'after';
}

export interface PipelineOptions {
  state: TenantState;
  faults: FaultBook;
  baseUrl: () => string;
  latencyMs: () => number;
  log: (entry: LoggedRequest) => void;
  logger: Logger;
}

const REDACTED = '[redacted]';

/** Copies a request body for the log with passwords replaced. */
function redactBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object') {
    return body;
  }
  const copy = structuredClone(body) as Record<string, unknown>;
  const profile = copy.passwordProfile as Record<string, unknown> | undefined;
  if (profile !== undefined && profile !== null && typeof profile === 'object' && 'password' in profile) {
    profile.password = REDACTED;
  }
  if (Array.isArray(copy.requests)) {
    copy.requests = copy.requests.map((inner: Record<string, unknown>) => ({ ...inner, body: redactBody(inner?.body) }));
  }
  return copy;
}

function displayPath(request: EmulatedRequest): string {
  if (request.target !== undefined) {
    return request.target;
  }
  const query = request.query.toString();
  return `${request.path}${query === '' ? '' : `?${query}`}`;
}

export class RequestPipeline {
  constructor(private readonly options: PipelineOptions) {}

  /** Runs one request through latency, faults and routing. */
  async run(request: EmulatedRequest, requestId: string, batchRequestId?: string): Promise<PipelineResult> {
    const time = new Date().toISOString();
    const rules = this.options.faults.hits(request.method, request.path);
    const result = await this.execute(request, requestId, rules, batchRequestId !== undefined);
    this.options.log({
      method: request.method,
      path: displayPath(request),
      body: redactBody(request.body),
      status: result.drop === undefined ? result.response.status : 0,
      time,
      requestId,
      ...(batchRequestId === undefined ? {} : { batchRequestId }),
      ...(result.drop === undefined ? {} : { dropped: result.drop }),
    });
    return result;
  }

  private async execute(request: EmulatedRequest, requestId: string, rules: FaultRule[], insideBatch: boolean): Promise<PipelineResult> {
    const delay = (insideBatch ? 0 : this.options.latencyMs()) + totalLatency(rules);
    if (delay > 0) {
      await sleep(delay);
    }
    // Inner requests of a batch share the batch's socket, so drop faults and the global latency apply to the batch only.
    const drop = insideBatch ? undefined : rules.find((rule) => rule.kind === 'drop');
    if (drop !== undefined && drop.drop !== 'after') {
      return { response: { status: 0 }, drop: 'before' };
    }
    const statusFault = rules.find((rule) => rule.kind === 'status');
    const clientRequestId = request.headers['client-request-id'] ?? requestId;
    if (statusFault !== undefined) {
      return { response: errorResponse(statusFaultError(statusFault), requestId, clientRequestId) };
    }
    const response = await routeRequest(this.context(requestId), request);
    return drop === undefined ? { response } : { response, drop: 'after' };
  }

  private context(requestId: string): RouteContext {
    return {
      state: this.options.state,
      logger: this.options.logger,
      baseUrl: this.options.baseUrl(),
      requestId,
      runInner: async (inner) => (await this.run(inner, randomUUID(), requestId)).response,
    };
  }
}

export function unauthorized(): GraphRequestError {
  return new GraphRequestError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
}
