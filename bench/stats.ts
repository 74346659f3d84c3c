// Summary statistics for latency samples.

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Computes the nearest-rank percentile (0 < p <= 100) of the samples, or NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const total = samples.reduce((sum, value) => sum + value, 0);
  return {
    count: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(samples.length === 0 ? Number.NaN : samples.reduce((max, value) => Math.max(max, value))),
    meanMs: round(samples.length === 0 ? Number.NaN : total / samples.length),
  };
}

/** Rounds to two decimals, which is finer than loopback timing noise. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function ratio(numerator: number, denominator: number): number {
  return round(numerator / denominator);
}
