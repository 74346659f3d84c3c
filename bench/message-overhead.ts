// Measurement 1: our bot replying to `help` against the bare echo bot, both
// replying through the same fast connector, in alternating rounds at a fixed
// number of concurrent conversations. The POST to /api/messages is responded to
// after the turn, and so after the reply reached the connector; its latency
// is what is measured.

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startTenantEmulator } from '../src/tenant-emulator/index.js';
import { messageActivity, type TestActivity } from '../test/support/activities.js';
import { startBareBot, startOurBot } from './bots.js';
import { startFastConnector } from './fast-connector.js';
import { runLoad, type LoadResult } from './load.js';
import type { BenchContext } from './run-context.js';
import type { ServerProcess } from './server-process.js';
import { ratio, round, summarize, type LatencySummary } from './stats.js';

export interface ThroughputFigures extends LatencySummary {
  requestsPerSecond: number;
  errors: number;
  statuses: Record<string, number>;
  /** Requests per second of each measured round, in order. */
  roundRequestsPerSecond: number[];
}

export interface MessageOverheadResult {
  concurrency: number;
  roundMs: number;
  rounds: number;
  ours: ThroughputFigures;
  bare: ThroughputFigures;
  /** Our p99 latency divided by the bare bot's, with a target of at most 1.25. */
  p99Ratio: number;
  /** Our requests per second divided by the bare bot's. */
  throughputRatio: number;
}

export const MESSAGE_P99_TARGET = 1.25;

export async function measureMessageOverhead(context: BenchContext): Promise<MessageOverheadResult> {
  const { settings } = context;
  const connector = await startFastConnector();
  // `help` sends no Graph request, so the emulator is there only for the bot's start-up and readiness reads.
  const emulator = await startTenantEmulator({ port: 0 });
  const servers: ServerProcess[] = [];
  try {
    const ours = await startOurBot({ logFile: join(context.logDir, 'message-overhead-ours.log'), graphEndpoint: emulator.url });
    servers.push(ours);
    const bare = await startBareBot(join(context.logDir, 'message-overhead-bare.log'));
    servers.push(bare);

    const load = (server: ServerProcess, durationMs: number): Promise<LoadResult> =>
      runLoad({
        url: `${server.url}/api/messages`,
        concurrency: settings.concurrency,
        durationMs,
        body: (worker) => JSON.stringify(helpMessage(connector.serviceUrl, worker)),
      });

    context.log(`message overhead: warming up both bots for ${settings.warmupMs} ms each`);
    await load(ours, settings.warmupMs);
    await load(bare, settings.warmupMs);

    const runs = { ours: [] as LoadResult[], bare: [] as LoadResult[] };
    for (let round = 1; round <= settings.rounds; round += 1) {
      context.log(`message overhead: round ${round} of ${settings.rounds}`);
      runs.ours.push(await load(ours, settings.roundMs));
      runs.bare.push(await load(bare, settings.roundMs));
    }

    const oursFigures = throughputFigures(runs.ours);
    const bareFigures = throughputFigures(runs.bare);
    return {
      concurrency: settings.concurrency,
      roundMs: settings.roundMs,
      rounds: settings.rounds,
      ours: oursFigures,
      bare: bareFigures,
      p99Ratio: ratio(oursFigures.p99Ms, bareFigures.p99Ms),
      throughputRatio: ratio(oursFigures.requestsPerSecond, bareFigures.requestsPerSecond),
    };
  } finally {
    for (const server of servers) await server.stop();
    await connector.close();
    await emulator.close();
  }
}

/** Builds a personal-chat `help` message in the worker's own conversation. */
function helpMessage(serviceUrl: string, worker: number): TestActivity {
  return messageActivity({ text: 'help', serviceUrl, conversationId: `a:bench-conversation-${worker}`, id: `bench-${randomUUID()}` });
}

/** Pools the rounds of one server into one set of figures. */
export function throughputFigures(runs: LoadResult[]): ThroughputFigures {
  const latencies = runs.flatMap((run) => run.latenciesMs);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const elapsedMs = runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    ...summarize(latencies),
    requestsPerSecond: round((requests / elapsedMs) * 1000, 1),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    statuses,
    roundRequestsPerSecond: runs.map((run) => round((run.requests / run.elapsedMs) * 1000, 1)),
  };
}
