import { DirectoryError, type DirectoryErrorCode } from './directory-error.js';

/** The fields of the Graph client's `GraphError` that the mapping reads. */
interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  message?: string;
  requestId?: string | null;
  body?: unknown;
  headers?: { get(name: string): string | null };
}

/** Returns the `Retry-After` wait in seconds. Graph sends seconds, and an HTTP date becomes the seconds left until it. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function detailCodesOf(body: unknown): string[] {
  if (typeof body !== 'string') return [];
  try {
    const parsed = JSON.parse(body) as { details?: Array<{ code?: unknown }> };
    return (parsed.details ?? []).map((detail) => detail.code).filter((code): code is string => typeof code === 'string');
  } catch {
    // The body is the raw text of a non-JSON response, so it carries no detail codes.
    return [];
  }
}

function codeForStatus(status: number | undefined, detailCodes: string[]): DirectoryErrorCode {
  if (status === undefined || status <= 0) return 'unavailable';
  if (status === 400) return detailCodes.includes('ObjectConflict') ? 'conflict' : 'invalid_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  return 'invalid_request';
}

export interface MappingContext {
  /** The attempted request in words, for example `PATCH /applications/{id}`. */
  operation: string;
  /**
   * False for a POST that creates something. A server error or a dropped
   * connection then leaves the outcome unknown, because the write may have
   * taken effect before the failure.
   */
  idempotent: boolean;
}

/** Turns a `GraphError` (or a network failure the Graph client wrapped) into a `DirectoryError`. */
export function toDirectoryError(error: unknown, context: MappingContext): DirectoryError {
  if (error instanceof DirectoryError) return error;

  const graphError = (typeof error === 'object' && error !== null ? error : {}) as GraphErrorLike;
  const status = typeof graphError.statusCode === 'number' && graphError.statusCode > 0 ? graphError.statusCode : undefined;
  const detailCodes = detailCodesOf(graphError.body);
  let code = codeForStatus(status, detailCodes);
  const outcomeUnknown = !context.idempotent && (status === undefined || (status >= 500 && status !== 501));
  if (outcomeUnknown) code = 'unknown_outcome';

  const retryAfterSeconds = parseRetryAfter(graphError.headers?.get('retry-after'));
  const graphMessage = graphError.message ?? String(error);
  const statusText = status === undefined ? 'no response' : `HTTP ${status}`;
  const message = outcomeUnknown
    ? `${context.operation} may or may not have taken effect (${statusText}): ${graphMessage}`
    : `${context.operation} failed (${statusText}): ${graphMessage}`;

  return new DirectoryError(code, message, {
    graphCode: status === undefined ? undefined : graphError.code ?? undefined,
    graphRequestId: graphError.requestId ?? graphError.headers?.get('request-id') ?? undefined,
    httpStatus: status,
    retryAfterSeconds,
    detailCodes,
    cause: error,
  });
}
