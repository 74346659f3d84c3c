// The longest chain of Graph requests that depend on each other in one
// set-up run, derived from the plan and from the emulator's request log.
//
// A step's requests are the ones whose request ids the runner recorded for
// it. Within a step, requests sent together (Promise.all) arrive at the same
// moment, and a request that waits for an earlier one arrives at least one
// latency later. So with a fixed added latency L per request, the step's
// sequential round trips are the longest run of its requests in which each
// arrives at least L/2 after the one before. Steps depend on each other
// through `dependsOn`, so the chain is the longest path through that graph
// weighted by round trips. Requests of no step (the flow's own reads) are
// added when they come before the first step request or after the last.

export interface LoggedArrival {
  requestId: string;
  /** Arrival time in milliseconds. */
  at: number;
}

export interface ChainStep {
  id: string;
  dependsOn: string[];
  /** Request ids the runner recorded for the step. */
  requestIds: string[];
}

export interface ChainStepFigures {
  id: string;
  requests: number;
  roundTrips: number;
}

export interface CriticalChain {
  /** Round trips on the longest dependent chain, flow reads included. */
  length: number;
  /** The steps on that chain, first to last. */
  path: string[];
  steps: ChainStepFigures[];
  /** Round trips of requests that belong to no step and come before the first step request. */
  flowBefore: number;
  /** Round trips of requests that belong to no step and come after the last step request. */
  flowAfter: number;
  /** Requests that belong to no step and overlap the run, so they are off the chain. */
  flowDuring: number;
}

/** Counts the longest run of arrivals in which each comes at least `gapMs` after the one before. */
export function sequentialRoundTrips(arrivals: readonly number[], gapMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const longest: number[] = [];
  for (let index = 0; index < sorted.length; index += 1) {
    let best = 1;
    for (let earlier = 0; earlier < index; earlier += 1) {
      if (sorted[index]! - sorted[earlier]! >= gapMs) best = Math.max(best, longest[earlier]! + 1);
    }
    longest.push(best);
  }
  return longest.reduce((max, value) => Math.max(max, value), 0);
}

/** Returns the heaviest path through the steps' `dependsOn` graph and its weight. */
export function longestPath(steps: readonly ChainStep[], weightOf: (step: ChainStep) => number): { weight: number; path: string[] } {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const memo = new Map<string, { weight: number; path: string[] }>();

  const ending = (step: ChainStep): { weight: number; path: string[] } => {
    const known = memo.get(step.id);
    if (known) return known;
    let best = { weight: 0, path: [] as string[] };
    for (const id of step.dependsOn) {
      const before = byId.get(id);
      if (before === undefined) continue;
      const candidate = ending(before);
      if (candidate.weight > best.weight) best = candidate;
    }
    const result = { weight: best.weight + weightOf(step), path: [...best.path, step.id] };
    memo.set(step.id, result);
    return result;
  };

  let heaviest = { weight: 0, path: [] as string[] };
  for (const step of steps) {
    const candidate = ending(step);
    if (candidate.weight > heaviest.weight) heaviest = candidate;
  }
  return heaviest;
}

/** Derives the critical chain of one run from its plan steps and the emulator's arrivals. */
export function criticalChain(steps: readonly ChainStep[], arrivals: readonly LoggedArrival[], latencyMs: number): CriticalChain {
  const gapMs = latencyMs / 2;
  const arrivalById = new Map(arrivals.map((arrival) => [arrival.requestId, arrival.at]));
  const stepRequestIds = new Set(steps.flatMap((step) => step.requestIds));

  const figures = steps.map((step) => {
    const times = step.requestIds.flatMap((id) => arrivalById.get(id) ?? []);
    return { id: step.id, requests: times.length, roundTrips: sequentialRoundTrips(times, gapMs) };
  });
  const roundTripsOf = new Map(figures.map((figure) => [figure.id, figure.roundTrips]));
  const { weight, path } = longestPath(steps, (step) => roundTripsOf.get(step.id) ?? 0);

  const stepTimes = arrivals.filter((arrival) => stepRequestIds.has(arrival.requestId)).map((arrival) => arrival.at);
  const firstStep = Math.min(...stepTimes);
  const lastStep = Math.max(...stepTimes);
  const others = arrivals.filter((arrival) => !stepRequestIds.has(arrival.requestId));
  const before = others.filter((arrival) => arrival.at + gapMs <= firstStep).map((arrival) => arrival.at);
  const after = others.filter((arrival) => arrival.at >= lastStep + gapMs).map((arrival) => arrival.at);
  const flowBefore = sequentialRoundTrips(before, gapMs);
  const flowAfter = sequentialRoundTrips(after, gapMs);

  return {
    length: weight + flowBefore + flowAfter,
    path,
    steps: figures,
    flowBefore,
    flowAfter,
    flowDuring: others.length - before.length - after.length,
  };
}
