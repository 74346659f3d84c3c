import { describe, expect, it } from 'vitest';
import { criticalChain, longestPath, sequentialRoundTrips, type ChainStep } from '../../bench/critical-chain.js';

describe('sequentialRoundTrips', () => {
  it.each([
    { arrivals: [], expected: 0 },
    { arrivals: [0], expected: 1 },
    { arrivals: [0, 1, 2], expected: 1 },
    { arrivals: [0, 50, 100], expected: 3 },
    { arrivals: [100, 0, 50], expected: 3 },
    { arrivals: [0, 51, 52, 103], expected: 3 },
    { arrivals: [0, 24, 48], expected: 2 },
  ])('counts $expected round trips in $arrivals', ({ arrivals, expected }) => {
    expect(sequentialRoundTrips(arrivals, 25)).toBe(expected);
  });
});

describe('longestPath', () => {
  const steps: ChainStep[] = [
    { id: 'a', dependsOn: [], requestIds: [] },
    { id: 'b', dependsOn: ['a'], requestIds: [] },
    { id: 'c', dependsOn: ['a'], requestIds: [] },
    { id: 'd', dependsOn: ['b', 'c'], requestIds: [] },
    { id: 'e', dependsOn: [], requestIds: [] },
  ];

  it('follows the heaviest branch', () => {
    const weights: Record<string, number> = { a: 1, b: 1, c: 3, d: 1, e: 4 };
    expect(longestPath(steps, (step) => weights[step.id]!)).toEqual({ weight: 5, path: ['a', 'c', 'd'] });
  });

  it('picks an independent step when it is heavier', () => {
    const weights: Record<string, number> = { a: 1, b: 1, c: 1, d: 1, e: 9 };
    expect(longestPath(steps, (step) => weights[step.id]!)).toEqual({ weight: 9, path: ['e'] });
  });
});

describe('criticalChain', () => {
  const latency = 50;
  const steps: ChainStep[] = [
    { id: 'create', dependsOn: [], requestIds: ['r1', 'r2', 'r3', 'r4'] },
    { id: 'configure', dependsOn: ['create'], requestIds: ['r5', 'r6'] },
    { id: 'side', dependsOn: [], requestIds: ['r7'] },
  ];
  const arrivals = [
    { requestId: 'flow-1', at: 0 },
    { requestId: 'flow-2', at: 52 },
    { requestId: 'r1', at: 105 },
    { requestId: 'r7', at: 105 },
    { requestId: 'r2', at: 157 },
    { requestId: 'r3', at: 209 },
    { requestId: 'r4', at: 210 },
    { requestId: 'flow-3', at: 215 },
    { requestId: 'r5', at: 262 },
    { requestId: 'r6', at: 314 },
    { requestId: 'flow-4', at: 366 },
  ];

  it('adds step round trips along dependsOn and the flow reads around them', () => {
    const chain = criticalChain(steps, arrivals, latency);

    expect(chain.steps).toEqual([
      { id: 'create', requests: 4, roundTrips: 3 },
      { id: 'configure', requests: 2, roundTrips: 2 },
      { id: 'side', requests: 1, roundTrips: 1 },
    ]);
    expect(chain.path).toEqual(['create', 'configure']);
    expect(chain.flowBefore).toBe(2);
    expect(chain.flowAfter).toBe(1);
    expect(chain.flowDuring).toBe(1);
    expect(chain.length).toBe(8);
  });

  it('ignores request ids missing from the log', () => {
    const chain = criticalChain([{ id: 'only', dependsOn: [], requestIds: ['r1', 'unknown'] }], [{ requestId: 'r1', at: 0 }], latency);

    expect(chain.steps).toEqual([{ id: 'only', requests: 1, roundTrips: 1 }]);
    expect(chain.length).toBe(1);
  });
});
