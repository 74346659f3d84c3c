import { setTimeout as delay } from 'node:timers/promises';
import type { RetryNotice } from './directory-gateway.js';
import { toDirectoryError } from './graph-error-mapping.js';
import { decideRetry, type RequestTraits, type RetryPolicyOptions } from './retry-policy.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

export interface CallSettings {
  policy: RetryPolicyOptions;
  sleep: Sleep;
  onRetry?: (notice: RetryNotice) => void;
}

export interface CallDescription {
  /** For messages and logs, for example `PATCH /servicePrincipals/{id}`. */
  operation: string;
  traits: RequestTraits;
  onRetry?: (notice: RetryNotice) => void;
  signal?: AbortSignal;
}

/** Sends a request through `send`, applying the retry policy to each failure. */
export async function callWithRetry<T>(settings: CallSettings, call: CallDescription, send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    call.signal?.throwIfAborted();
    try {
      return await send();
    } catch (caught) {
      const error = toDirectoryError(caught, { operation: call.operation, idempotent: call.traits.idempotent });
      const decision = decideRetry(error, attempt, call.traits, settings.policy);
      if (decision.action === 'fail') throw decision.error;

      const notice: RetryNotice = { operation: call.operation, attempt, delayMs: decision.delayMs, reason: decision.reason, error };
      settings.onRetry?.(notice);
      call.onRetry?.(notice);
      await settings.sleep(decision.delayMs, call.signal);
    }
  }
}
