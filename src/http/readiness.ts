import type { Logger } from '../logging/index.js';

/** A dependency the bot needs to serve requests, such as storage or the directory. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency responds, and rejects otherwise. */
  check: () => Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'failed'>;
}

/** Runs every check in parallel, each bounded by `timeoutMs`, and logs the failures. */
export async function runReadinessChecks(
  checks: ReadinessCheck[],
  logger: Logger,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs, name);
        return [name, 'ok'] as const;
      } catch (error) {
        logger.warn({ err: error, check: name }, 'readiness check failed');
        return [name, 'failed'] as const;
      }
    }),
  );

  return {
    ready: results.every(([, status]) => status === 'ok'),
    checks: Object.fromEntries(results),
  };
}

async function withTimeout(promise: Promise<void>, timeoutMs: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check ${name} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
