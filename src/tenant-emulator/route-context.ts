import type { Logger } from 'pino';
import type { EmulatedRequest, EmulatedResponse } from './http-types.js';
import type { TenantState } from './tenant-state.js';

export interface RouteContext {
  state: TenantState;
  /** Base URL without `/v1.0`, used in `@odata.context` and `@odata.nextLink`. */
  baseUrl: string;
  logger: Logger;
  /** Request id of the HTTP request being served. */
  requestId: string;
  /** Runs one inner request of a `$batch` through faults, logging and routing. */
  runInner(request: EmulatedRequest): Promise<EmulatedResponse>;
}

export type RouteParams = Record<string, string>;

export type RouteHandler = (
  context: RouteContext,
  request: EmulatedRequest,
  params: RouteParams,
) => EmulatedResponse | Promise<EmulatedResponse>;

export interface Route {
  method: string;
  /** Matched against the decoded path relative to `/v1.0`; named groups become params. */
  pattern: RegExp;
  handler: RouteHandler;
}

export function contextUrl(context: RouteContext, fragment: string): string {
  return `${context.baseUrl}/v1.0/$metadata#${fragment}`;
}
