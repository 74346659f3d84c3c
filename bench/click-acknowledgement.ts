import type { BenchContext } from './run-context.js';
import type { LatencySummary } from './stats.js';

export interface ClickAcknowledgementResult {
  burst: number;
  rounds: number;
  graphLatencyMs: number;
  ours: LatencySummary;
  bare: LatencySummary;
  p99Ratio: number;
  answersSlowerThanGraph: number;
}

export async function measureClickAcknowledgement(_context: BenchContext): Promise<ClickAcknowledgementResult> {
  throw new Error('not built yet');
}
