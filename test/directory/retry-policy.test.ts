import { describe, expect, it } from 'vitest';
import { DirectoryError, decideRetry, defaultRetryPolicy, parseRetryAfter, toDirectoryError, type RetryPolicyOptions } from '../../src/directory/index.js';

const policy: RetryPolicyOptions = {
  maxRetryAfterSeconds: 60,
  throttling: { initialDelayMs: 10, maxDelayMs: 40, maxAttempts: 3 },
  consistency: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 },
};

function graphError(statusCode: number, code: string, options: { retryAfter?: string; details?: string[]; message?: string } = {}) {
  const headers = new Headers(options.retryAfter ? { 'retry-after': options.retryAfter } : {});
  return {
    statusCode,
    code,
    message: options.message ?? 'failed',
    requestId: 'req-1',
    body: JSON.stringify({ code, details: (options.details ?? []).map((detail) => ({ code: detail })) }),
    headers,
  };
}

describe('toDirectoryError', () => {
  it.each([
    [400, 'Request_BadRequest', [], 'invalid_request'],
    [400, 'Request_BadRequest', ['ObjectConflict'], 'conflict'],
    [401, 'InvalidAuthenticationToken', [], 'unauthorized'],
    [403, 'Authorization_RequestDenied', [], 'forbidden'],
    [404, 'Request_ResourceNotFound', [], 'not_found'],
    [429, 'TooManyRequests', [], 'throttled'],
    [503, 'serviceNotAvailable', [], 'unavailable'],
  ])('maps %i %s %j to %s', (status, code, details, expected) => {
    const error = toDirectoryError(graphError(status, code, { details }), { operation: 'GET /x', idempotent: true });

    expect(error.code).toBe(expected);
    expect(error.httpStatus).toBe(status);
    expect(error.graphCode).toBe(code);
    expect(error.graphRequestId).toBe('req-1');
  });

  it('marks a creating POST that got a 503 as unknown outcome', () => {
    const error = toDirectoryError(graphError(503, 'serviceNotAvailable'), { operation: 'POST /users', idempotent: false });

    expect(error.code).toBe('unknown_outcome');
  });

  it('marks a dropped connection on a creating POST as unknown outcome', () => {
    const error = toDirectoryError({ statusCode: -1, code: 'TypeError', message: 'fetch failed' }, { operation: 'POST /users', idempotent: false });

    expect(error.code).toBe('unknown_outcome');
    expect(error.httpStatus).toBeUndefined();
  });

  it('keeps a 400 on a creating POST as invalid request', () => {
    const error = toDirectoryError(graphError(400, 'Request_BadRequest'), { operation: 'POST /users', idempotent: false });

    expect(error.code).toBe('invalid_request');
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3],
    ['0', 0],
    [' ', undefined],
    ['soon', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
  });
});

describe('decideRetry', () => {
  const map = (error: ReturnType<typeof graphError>, idempotent = true) => toDirectoryError(error, { operation: 'op', idempotent });

  it('waits Retry-After seconds after a 429', () => {
    expect(decideRetry(map(graphError(429, 'TooManyRequests', { retryAfter: '2' })), 1, { idempotent: false }, policy)).toMatchObject({ action: 'retry', delayMs: 2000 });
  });

  it('fails as throttled with the wait when Retry-After exceeds the ceiling', () => {
    const decision = decideRetry(map(graphError(429, 'TooManyRequests', { retryAfter: '600' })), 1, { idempotent: true }, policy);

    expect(decision).toMatchObject({ action: 'fail', error: { code: 'throttled', retryAfterSeconds: 600 } });
  });

  it('backs off exponentially after a 503 without Retry-After', () => {
    const error = map(graphError(503, 'serviceNotAvailable'));
    expect(decideRetry(error, 1, { idempotent: true }, policy)).toMatchObject({ action: 'retry', delayMs: 10 });
    expect(decideRetry(error, 2, { idempotent: true }, policy)).toMatchObject({ action: 'retry', delayMs: 20 });
    expect(decideRetry(error, 3, { idempotent: true }, policy)).toMatchObject({ action: 'fail' });
  });

  it('never repeats a creating POST after a 503', () => {
    const decision = decideRetry(map(graphError(503, 'serviceNotAvailable'), false), 1, { idempotent: false }, policy);

    expect(decision).toMatchObject({ action: 'fail', error: { code: 'unknown_outcome' } });
  });

  it('retries a 404 only for a fresh object, within the attempt limit', () => {
    const error = map(graphError(404, 'Request_ResourceNotFound'));
    expect(decideRetry(error, 1, { idempotent: true }, policy).action).toBe('fail');
    expect(decideRetry(error, 1, { idempotent: true, fresh: true }, policy)).toMatchObject({ action: 'retry', delayMs: 5 });
    expect(decideRetry(error, 3, { idempotent: true, fresh: true }, policy)).toMatchObject({ action: 'retry', delayMs: 20 });
    expect(decideRetry(error, 4, { idempotent: true, fresh: true }, policy).action).toBe('fail');
  });

  it('retries HostNameNotOnVerifiedDomain only right after the SAML switch', () => {
    const error = map(graphError(400, 'HostNameNotOnVerifiedDomain'));
    expect(decideRetry(error, 1, { idempotent: true }, policy).action).toBe('fail');
    expect(decideRetry(error, 1, { idempotent: true, afterSamlSwitch: true }, policy).action).toBe('retry');
  });

  it('retries an invalid reference only for a fresh principal', () => {
    const error = map(graphError(400, 'Request_BadRequest', { message: 'Not a valid reference update.' }), false);
    expect(decideRetry(error, 1, { idempotent: false }, policy).action).toBe('fail');
    expect(decideRetry(error, 1, { idempotent: false, freshReference: true }, policy).action).toBe('retry');
  });

  it('fails fast on forbidden', () => {
    const error = map(graphError(403, 'Authorization_RequestDenied'));
    expect(decideRetry(error, 1, { idempotent: true, fresh: true }, policy).action).toBe('fail');
  });

  it('has a 60 second ceiling by default', () => {
    expect(defaultRetryPolicy.maxRetryAfterSeconds).toBe(60);
    expect(new DirectoryError('throttled', 'x').name).toBe('DirectoryError');
  });
});
