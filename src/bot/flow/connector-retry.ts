import { setTimeout as delay } from 'node:timers/promises';

// Statuses the Bot Connector documents as worth retrying with backoff:
// 412 (concurrent operations), 429 (throttled), and 502 to 504.
const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);

/** Returns true for a Bot Connector error that may pass when the call is repeated later. */
export function isRetryableConnectorError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && RETRYABLE_STATUSES.has(status);
}

export interface ConnectorRetryOptions {
  attempts: number;
  /** Wait before the second attempt, in milliseconds. It doubles for each further attempt. */
  initialDelayMs: number;
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Calls `send` again after a retryable Bot Connector error, with exponential
 * backoff. Other errors are thrown at once.
 */
// NOTE: a 502 or 504 on a new message may come after Teams stored it, so a
// retried result message can appear twice. Updates are safe to repeat.
export async function withConnectorRetry<T>(send: () => Promise<T>, options: ConnectorRetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= options.attempts || !isRetryableConnectorError(error)) throw error;
      options.onRetry?.(error, attempt);
      await delay(options.initialDelayMs * 2 ** (attempt - 1));
    }
  }
}
