// Measurement 3: the set-up's critical path. The tenant emulator adds a
// fixed latency to every Graph request and has no replication lag. The time
// runs from Megan's Approve click to the update of the request card that
// shows "Done.", and the benchmark compares it with the longest chain of
// dependent Graph requests times the latency. critical-chain.ts computes
// the chain, and bench/README.md records the results.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChangeRequestStore } from '../src/requests/index.js';
import type { ChangeRequest } from '../src/requests/types.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { prepareSigningKeys } from '../src/tenant-emulator/certificate-generator.js';
import { startTenantEmulator, type LoggedRequest, type TenantEmulator } from '../src/tenant-emulator/index.js';
import { startOurBot } from './bots.js';
import { criticalChain, longestPath, type CriticalChain } from './critical-chain.js';
import { startFastConnector } from './fast-connector.js';
import { approveClick, CallRecorder, createPendingRequest, type FlowTarget, type PendingRequest, type RecordedCall } from './flow-driver.js';
import { startGraphProxy, type GraphProxy } from './graph-proxy.js';
import { postOnce } from './load.js';
import type { BenchContext } from './run-context.js';
import { ratio, round } from './stats.js';

export interface SetupRunFigures {
  requestId: string;
  /** From sending the Approve click to the "Done." card update, in milliseconds. */
  wallMs: number;
  /** The HTTP response time of the Approve click itself. */
  clickMs: number;
  /** Graph HTTP requests between the click and the "Done." card, counting a `$batch` once. */
  graphRequests: number;
  /** Requests inside `$batch` requests, counted separately. */
  batchedRequests: number;
  chain: CriticalChain;
  /** The chain counted with the plan's own requests only, one per step, without the runner's reads. */
  plannedChainLength: number;
  /** wall / (chain x latency). */
  ratio: number;
  /** Card updates the bot sent for the request card between the click and "Done.". */
  cardUpdates: number;
  /** Graph requests and connector calls in order, in milliseconds after the click, for finding what limits the run. */
  timeline: string[];
}

export interface SetupPathResult {
  latencyMs: number;
  /** Figures of the median run by wall time. */
  graphRequests: number;
  chainLength: number;
  plannedChainLength: number;
  wallMs: number;
  ratio: number;
  plannedRatio: number;
  runs: SetupRunFigures[];
}

export const SETUP_RATIO_TARGET = 1.2;

export async function measureSetupPath(context: BenchContext): Promise<SetupPathResult> {
  const { settings } = context;
  const latencyMs = settings.setupGraphLatencyMs;
  const directory = mkdtempSync(join(tmpdir(), 'sso-bot-bench-setup-'));
  const statePath = join(directory, 'state.sqlite');
  const proxy = await startGraphProxy();
  const connector = await startFastConnector();
  const recorder = new CallRecorder(connector);
  const runs: SetupRunFigures[] = [];
  try {
    const bot = await startOurBot({ logFile: join(context.logDir, 'setup-path.log'), stateStore: `sqlite:${statePath}`, graphEndpoint: proxy.url });
    try {
      const target = { botUrl: bot.url, serviceUrl: connector.serviceUrl, recorder };
      const total = settings.setupWarmups + settings.setupRepeats;
      for (let run = 1; run <= total; run += 1) {
        const warmup = run <= settings.setupWarmups;
        context.log(`set-up path: ${warmup ? 'warm-up' : 'measured'} set-up ${run} of ${total}`);
        const figures = await measureOneSetup(target, proxy, statePath, latencyMs, run);
        if (!warmup) runs.push(figures);
      }
    } finally {
      await bot.stop();
    }
  } finally {
    recorder.detach();
    await connector.close();
    await proxy.close();
    rmSync(directory, { recursive: true, force: true });
  }

  const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;
  return {
    latencyMs,
    graphRequests: median.graphRequests,
    chainLength: median.chain.length,
    plannedChainLength: median.plannedChainLength,
    wallMs: median.wallMs,
    ratio: median.ratio,
    plannedRatio: ratio(median.wallMs, median.plannedChainLength * latencyMs),
    runs,
  };
}

/** Measures one set-up in an empty tenant: a fresh emulator behind the proxy, because GoToMeeting can exist only once per tenant. */
async function measureOneSetup(target: FlowTarget, proxy: GraphProxy, statePath: string, latencyMs: number, run: number): Promise<SetupRunFigures> {
  const emulator = await startTenantEmulator({ port: 0 });
  try {
    proxy.setTarget(emulator.url);
    const pending = await createPendingRequest(target, `setup-${run}`, true);
    // Without a prepared key, generating the certificate's RSA key adds a varying 60 to 900 ms to one request.
    await prepareSigningKeys(1);
    emulator.setLatency(latencyMs);
    emulator.clearRequestLog();
    return await timeApproval(target, pending, emulator, statePath, latencyMs);
  } finally {
    await emulator.close();
  }
}

async function timeApproval(
  target: FlowTarget,
  pending: PendingRequest,
  emulator: TenantEmulator,
  statePath: string,
  latencyMs: number,
): Promise<SetupRunFigures> {
  const cardPath = `/v3/conversations/${encodeURIComponent(pending.conversationId)}/activities/${encodeURIComponent(pending.cardActivityId)}`;
  const isCardUpdate = (call: { method: string; path: string }): boolean => call.method === 'PUT' && call.path === cardPath;
  const clickStartedWallClock = Date.now();
  const clickStarted = performance.now();
  const click = await postOnce(`${target.botUrl}/api/messages`, JSON.stringify(approveClick(target, pending)));
  const clickMs = performance.now() - clickStarted;
  if (click.status !== 200) throw new Error(`The Approve click returned HTTP ${click.status}: ${click.body.slice(0, 300)}`);

  const done = await target.recorder.waitFor((call) => isCardUpdate(call) && JSON.stringify(call.body).includes('Done.'), 'request card that shows "Done."');
  const wallMs = done.at - clickStarted;
  const requestId = String(pending.approveData.requestId);
  const request = await readRequest(statePath, requestId);

  const log = emulator.requestLog().filter((entry) => within(entry, clickStartedWallClock, done.wallClock));
  const topLevel = log.filter((entry) => entry.batchRequestId === undefined);
  const steps = request.plan.steps.map((step) => ({
    id: step.id,
    dependsOn: step.dependsOn,
    requestIds: request.run?.steps.find((record) => record.stepId === step.id)?.graphRequestIds ?? [],
  }));
  const chain = criticalChain(steps, topLevel.map((entry) => ({ requestId: entry.requestId, at: Date.parse(entry.time) })), latencyMs);
  const planned = longestPath(request.plan.steps.map((step) => ({ ...step, requestIds: [] })), (step) => request.plan.steps.find((candidate) => candidate.id === step.id)?.requests.length ?? 0);

  return {
    requestId,
    wallMs: round(wallMs, 1),
    clickMs: round(clickMs, 1),
    graphRequests: topLevel.length,
    batchedRequests: log.length - topLevel.length,
    chain,
    plannedChainLength: planned.weight,
    ratio: ratio(wallMs, chain.length * latencyMs),
    cardUpdates: target.recorder.calls.filter((call) => isCardUpdate(call) && call.at >= clickStarted && call.at <= done.at).length,
    timeline: timeline(topLevel, target.recorder.calls, clickStartedWallClock, done.wallClock),
  };
}

function timeline(graph: LoggedRequest[], calls: RecordedCall[], from: number, to: number): string[] {
  const graphLines = graph.map((entry) => ({ at: Date.parse(entry.time) - from, line: `graph ${entry.method} ${entry.path.split('?')[0]} ${entry.status}` }));
  const connectorLines = calls
    .filter((call) => call.wallClock >= from && call.wallClock <= to)
    .map((call) => ({ at: call.wallClock - from, line: `connector ${call.method} ${call.path.split('/').slice(-2).join('/')}` }));
  return [...graphLines, ...connectorLines].sort((a, b) => a.at - b.at).map((entry) => `${String(entry.at).padStart(5)} ms ${entry.line}`);
}

/** True when the request arrived between the click and the "Done." card. The log has millisecond times. */
function within(entry: LoggedRequest, from: number, to: number): boolean {
  const at = Date.parse(entry.time);
  return at >= from && at <= to;
}

/** Reads the finished request from the bot's SQLite file, which SQLite lets a second process read. */
async function readRequest(statePath: string, requestId: string): Promise<ChangeRequest> {
  const storage = new SqliteStorage(statePath);
  try {
    const request = await new ChangeRequestStore({ storage }).get(requestId);
    if (!request?.run) throw new Error(`Request ${requestId} has no run in ${statePath}.`);
    return request;
  } finally {
    await storage.close();
  }
}
