import type { ReadinessCheck } from './readiness.js';

export interface CachedCheckOptions {
  /** Time one outcome, success or failure, is reused, in milliseconds. */
  ttlMs: number;
  now: () => Date;
}

/**
 * Wraps a readiness check so that callers within `ttlMs` of the last settled
 * run reuse its outcome, and concurrent callers share one run. /readyz needs
 * no authentication, so without this every probe would cost a Graph request
 * from the app's quota.
 */
export function cachedCheck(check: ReadinessCheck['check'], options: CachedCheckOptions): ReadinessCheck['check'] {
  let inFlight: Promise<void> | undefined;
  let settled: { at: number; outcome: Promise<void> } | undefined;

  return () => {
    const now = options.now().getTime();
    if (settled !== undefined && now - settled.at < options.ttlMs) return settled.outcome;
    if (inFlight !== undefined) return inFlight;

    const run = check();
    inFlight = run;
    const remember = (): void => {
      settled = { at: options.now().getTime(), outcome: run };
      inFlight = undefined;
    };
    run.then(remember, remember);
    return run;
  };
}
