import type { BenchContext } from './run-context.js';

export interface SetupPathResult {
  latencyMs: number;
  graphRequests: number;
  chainLength: number;
  wallMs: number;
  ratio: number;
}

export async function measureSetupPath(_context: BenchContext): Promise<SetupPathResult> {
  throw new Error('not built yet');
}
