// Measurement 2: the HTTP response time of "Approve" clicked on many different
// pending requests at once, against the bare bot responding to the same number
// of `adaptiveCard/action` invokes at once. Each approval starts a run, and
// the emulator delays every Graph request by a long latency, so a response
// that waited for Graph would take at least that long.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { LoggedRequest } from '../src/tenant-emulator/index.js';
import { cardAction, people } from '../test/support/activities.js';
import { startBareBot, startEmulatorProcess, startOurBot } from './bots.js';
import { startFastConnector, type FastConnector } from './fast-connector.js';
import { approveClick, CallRecorder, createPendingRequest, findActionData, type FlowTarget, type PendingRequest } from './flow-driver.js';
import { postBurst, type Exchange } from './load.js';
import type { BenchContext } from './run-context.js';
import type { ServerProcess } from './server-process.js';
import { ratio, summarize, type LatencySummary } from './stats.js';

export interface ClickAcknowledgementResult {
  burst: number;
  rounds: number;
  graphLatencyMs: number;
  ours: LatencySummary;
  bare: LatencySummary;
  /** Our p99 response time divided by the bare bot's, with a target of at most 1.5. */
  p99Ratio: number;
  /** Our responses that took at least the Graph latency; 0 shows that no response waited for Graph. */
  responsesSlowerThanGraph: number;
  /** Our responses whose card no longer offers Approve, so the approval was recorded. */
  approvalsRecorded: number;
  /**
   * Graph requests that reached the emulator within one Graph latency after a
   * burst started: the runs the clicks started, working in the background.
   */
  graphRequestsAfterClicks: number;
  /** Responses with an HTTP status other than 200. */
  errors: { ours: number; bare: number };
  /** p99 response times of each measured burst, in order. */
  roundP99Ms: { ours: number[]; bare: number[] };
}

export const CLICK_P99_TARGET = 1.5;

/** Parallel flows while the pending requests are prepared, because more only adds contention. */
const PREPARE_CONCURRENCY = 4;

export async function measureClickAcknowledgement(context: BenchContext): Promise<ClickAcknowledgementResult> {
  const { settings } = context;
  const directory = mkdtempSync(join(tmpdir(), 'sso-bot-bench-click-'));
  const connector = await startFastConnector();
  const servers: ServerProcess[] = [];
  try {
    const emulator = await startEmulatorProcess(join(context.logDir, 'click-emulator.log'));
    servers.push(emulator);
    const ours = await startOurBot({ logFile: join(context.logDir, 'click-ours.log'), stateStore: `sqlite:${join(directory, 'state.sqlite')}`, graphEndpoint: emulator.url });
    servers.push(ours);
    const bare = await startBareBot(join(context.logDir, 'click-bare.log'));
    servers.push(bare);

    const recorder = new CallRecorder(connector);
    const target = { botUrl: ours.url, serviceUrl: connector.serviceUrl, recorder };
    const count = settings.clickBurst * (settings.clickRounds + 1);
    context.log(`click acknowledgement: preparing ${count} pending requests`);
    const pending = await preparePending(target, count);
    recorder.detach();

    await controlEmulator(emulator.url, 'PUT', '/_emulator/latency', { ms: settings.clickGraphLatencyMs });
    const bursts = { ours: [] as Exchange[][], bare: [] as Exchange[][], starts: [] as number[] };
    for (let round = 0; round <= settings.clickRounds; round += 1) {
      const batch = pending.slice(round * settings.clickBurst, (round + 1) * settings.clickBurst);
      const measured = round > 0;
      context.log(`click acknowledgement: ${measured ? `round ${round} of ${settings.clickRounds}` : 'warm-up'}`);
      const results = await alternate(round % 2 === 0, () => burstOurs(ours, target, batch), () => burstBare(bare, connector.serviceUrl, settings.clickBurst));
      // The next burst must not compete with the runs this one started.
      await waitForQuiet(connector);
      if (!measured) continue;
      bursts.ours.push(results.ours.exchanges);
      bursts.bare.push(results.bare);
      bursts.starts.push(results.ours.startedAt);
    }
    const log = ((await controlEmulator(emulator.url, 'GET', '/_emulator/requests')) as { value: LoggedRequest[] }).value;
    return summarizeBursts(context, bursts, log);
  } finally {
    for (const server of servers) await server.stop();
    await connector.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Calls the emulator's control API and returns the parsed JSON body, if any. */
async function controlEmulator(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`The emulator returned HTTP ${response.status} for ${method} ${path}.`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Resolves once the connector has received nothing for `quietMs`, which means the runs have ended. */
async function waitForQuiet(connector: FastConnector, quietMs = 1_500, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const total = (): number => Object.values(connector.counts).reduce((sum, count) => sum + count, 0);
  let seen = total();
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error(`The bot kept sending for ${timeoutMs} ms after a burst of clicks.`);
    await delay(100);
    const now = total();
    if (now !== seen) {
      seen = now;
      quietSince = Date.now();
    }
  }
}

async function preparePending(target: FlowTarget, count: number): Promise<PendingRequest[]> {
  const pending: PendingRequest[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      pending[index] = await createPendingRequest(target, `click-${index}`, false);
    }
  };
  await Promise.all(Array.from({ length: PREPARE_CONCURRENCY }, worker));
  return pending;
}

/** Runs both bursts one after the other, ours first when `oursFirst`, with a pause between. */
async function alternate<A, B>(oursFirst: boolean, ours: () => Promise<A>, bare: () => Promise<B>): Promise<{ ours: A; bare: B }> {
  if (oursFirst) {
    const oursResult = await ours();
    await delay(200);
    return { ours: oursResult, bare: await bare() };
  }
  const bareResult = await bare();
  await delay(200);
  return { ours: await ours(), bare: bareResult };
}

async function burstOurs(server: ServerProcess, target: FlowTarget, batch: PendingRequest[]): Promise<{ exchanges: Exchange[]; startedAt: number }> {
  const bodies = batch.map((request) => JSON.stringify(approveClick(target, request)));
  const startedAt = Date.now();
  return { exchanges: await postBurst(`${server.url}/api/messages`, bodies), startedAt };
}

function burstBare(server: ServerProcess, serviceUrl: string, size: number): Promise<Exchange[]> {
  const bodies = Array.from({ length: size }, (_, index) =>
    JSON.stringify(cardAction({ verb: 'request.approve', data: { requestId: `CR-BARE${index}` }, conversationType: 'channel', conversationId: `19:bench-bare-${index}@thread.tacv2`, from: people.megan, serviceUrl })),
  );
  return postBurst(`${server.url}/api/messages`, bodies);
}

function summarizeBursts(
  context: BenchContext,
  bursts: { ours: Exchange[][]; bare: Exchange[][]; starts: number[] },
  log: LoggedRequest[],
): ClickAcknowledgementResult {
  const { settings } = context;
  const ours = bursts.ours.flat();
  const bare = bursts.bare.flat();
  const oursSummary = summarize(ours.map((exchange) => exchange.latencyMs));
  const bareSummary = summarize(bare.map((exchange) => exchange.latencyMs));
  const latency = settings.clickGraphLatencyMs;
  const afterClicks = log.filter((entry) => bursts.starts.some((start) => Date.parse(entry.time) >= start && Date.parse(entry.time) < start + latency));

  return {
    burst: settings.clickBurst,
    rounds: settings.clickRounds,
    graphLatencyMs: settings.clickGraphLatencyMs,
    ours: oursSummary,
    bare: bareSummary,
    p99Ratio: ratio(oursSummary.p99Ms, bareSummary.p99Ms),
    responsesSlowerThanGraph: ours.filter((exchange) => exchange.latencyMs >= settings.clickGraphLatencyMs).length,
    approvalsRecorded: ours.filter(isRecordedApproval).length,
    graphRequestsAfterClicks: afterClicks.length,
    errors: { ours: ours.filter((exchange) => exchange.status !== 200).length, bare: bare.filter((exchange) => exchange.status !== 200).length },
    roundP99Ms: {
      ours: bursts.ours.map((burst) => summarize(burst.map((exchange) => exchange.latencyMs)).p99Ms),
      bare: bursts.bare.map((burst) => summarize(burst.map((exchange) => exchange.latencyMs)).p99Ms),
    },
  };
}

/** True when the response is a card without an Approve button, which the bot sends once the approval is recorded. */
function isRecordedApproval(exchange: Exchange): boolean {
  if (exchange.status !== 200) return false;
  try {
    const body = JSON.parse(exchange.body) as { type?: unknown; value?: unknown };
    return body.type === 'application/vnd.microsoft.card.adaptive' && findActionData(body.value, 'request.approve') === undefined;
  } catch {
    return false;
  }
}
