// The one place that decides whether a failed Graph request is sent again.
//
// - 429, 503 and 504 honour Retry-After. A wait above `maxRetryAfterSeconds`
//   fails at once as `throttled`, with the time to resume, instead of holding
//   a worker for minutes.
// - Entra is eventually consistent, so a fresh object's 404, the
//   HostNameNotOnVerifiedDomain rejection right after the SAML switch, and
//   "Not a valid reference update." for a fresh user are retried with bounded
//   exponential backoff, but only when the caller says the object is fresh.
// - A POST that creates something is sent again only after a 429, because a
//   throttled request was not processed. After a server error or a dropped
//   connection its outcome is unknown, and the caller must check first.
// - Everything else fails at once.

import { DirectoryError } from './directory-error.js';

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Attempts in total, the first one included. */
  maxAttempts: number;
}

export interface RetryPolicyOptions {
  /** A Retry-After above this many seconds fails as `throttled`. */
  maxRetryAfterSeconds: number;
  /** Delays for 429/503/504 without a Retry-After header, and the attempt limit for them. */
  throttling: BackoffOptions;
  /** Delays while a fresh object replicates. */
  consistency: BackoffOptions;
}

export const defaultRetryPolicy: RetryPolicyOptions = {
  maxRetryAfterSeconds: 60,
  throttling: { initialDelayMs: 2_000, maxDelayMs: 30_000, maxAttempts: 6 },
  // Microsoft suggests polling a new application every 5 to 10 seconds. This
  // policy backs off from 1 s to 10 s and gives up after about a minute.
  consistency: { initialDelayMs: 1_000, maxDelayMs: 10_000, maxAttempts: 10 },
};

/** Caller-supplied traits of one request that decide which failures are retried. */
export interface RequestTraits {
  /** False for a POST that creates an object or a key. */
  idempotent: boolean;
  /** The target object was created moments ago, so a 404 may be replication lag. */
  fresh?: boolean;
  /** Set for the identifier PATCH right after the SAML switch. */
  afterSamlSwitch?: boolean;
  /** Set when the request refers to a principal created moments ago. */
  freshReference?: boolean;
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: string }
  | { action: 'fail'; error: DirectoryError };

export function backoffDelay(options: BackoffOptions, failedAttempts: number): number {
  const delay = options.initialDelayMs * 2 ** Math.max(0, failedAttempts - 1);
  return Math.min(delay, options.maxDelayMs);
}

// NOTE: Graph returns this failure as a plain Request_BadRequest with no
// distinct code, so the message is the only signal. It is read only for
// requests that name a principal created moments ago.
const invalidReferenceMessage = 'Not a valid reference update.';

function isInvalidReference(error: DirectoryError): boolean {
  return error.code === 'invalid_request' && error.message.includes(invalidReferenceMessage);
}

function throttledDecision(error: DirectoryError, failedAttempts: number, options: RetryPolicyOptions): RetryDecision {
  const retryAfter = error.retryAfterSeconds;
  if (retryAfter !== undefined && retryAfter > options.maxRetryAfterSeconds) {
    const resumeAt = new Date(Date.now() + retryAfter * 1000).toISOString();
    const message = `Microsoft Graph throttled the request with a Retry-After of ${retryAfter} s. Retry the run after ${resumeAt}.`;
    return { action: 'fail', error: withCode(error, 'throttled', message) };
  }
  if (failedAttempts >= options.throttling.maxAttempts) {
    return { action: 'fail', error: withCode(error, 'throttled', `${error.message} (gave up after ${failedAttempts} attempts)`) };
  }
  const delayMs = retryAfter === undefined ? backoffDelay(options.throttling, failedAttempts) : retryAfter * 1000;
  return { action: 'retry', delayMs, reason: `HTTP ${error.httpStatus ?? 'error'} ${error.graphCode ?? ''}`.trim() };
}

function withCode(error: DirectoryError, code: 'throttled', message: string): DirectoryError {
  return new DirectoryError(code, message, {
    graphCode: error.graphCode,
    graphRequestId: error.graphRequestId,
    httpStatus: error.httpStatus,
    retryAfterSeconds: error.retryAfterSeconds,
    detailCodes: error.detailCodes,
    cause: error.cause ?? error,
  });
}

function consistencyReason(error: DirectoryError, traits: RequestTraits): string | undefined {
  if (traits.fresh && error.code === 'not_found') return 'the new object has not replicated yet';
  if (traits.afterSamlSwitch && error.hasGraphCode('HostNameNotOnVerifiedDomain')) {
    return 'the SAML mode has not replicated yet';
  }
  if (traits.freshReference && isInvalidReference(error)) return 'the new user has not replicated yet';
  return undefined;
}

/** Decides what to do after attempt number `failedAttempts` failed with `error`. */
export function decideRetry(
  error: DirectoryError,
  failedAttempts: number,
  traits: RequestTraits,
  options: RetryPolicyOptions,
): RetryDecision {
  const status = error.httpStatus;
  if (status === 429) return throttledDecision(error, failedAttempts, options);
  if (traits.idempotent && (status === 503 || status === 504)) return throttledDecision(error, failedAttempts, options);

  const reason = consistencyReason(error, traits);
  if (reason !== undefined && failedAttempts < options.consistency.maxAttempts) {
    return { action: 'retry', delayMs: backoffDelay(options.consistency, failedAttempts), reason };
  }
  return { action: 'fail', error };
}
