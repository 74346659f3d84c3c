import type { JsonObject } from './types.js';

/** A request after parsing, shared by the HTTP server and `$batch`. */
export interface EmulatedRequest {
  method: string;
  /** Decoded path relative to `/v1.0`, for example `/users/a#EXT#@x.example`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: unknown;
  /** Path and query as received, for the request log. */
  target?: string;
  /** Application permissions from a JWT bearer token; undefined means unchecked. */
  grantedRoles?: string[];
}

export interface EmulatedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: JsonObject;
}

export function ok(body: JsonObject): EmulatedResponse {
  return { status: 200, body };
}

export function created(body: JsonObject): EmulatedResponse {
  return { status: 201, body };
}

export const noContent: EmulatedResponse = { status: 204 };
