// Measurement 4: how long `node dist/main.js` takes from spawn to /readyz
// returning 200, its resident memory when idle, and the same with a SQLite
// state file holding many change requests, plus the latency of the
// `requests` command against that file.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { startTenantEmulator, type TenantEmulator } from '../src/tenant-emulator/index.js';
import { messageActivity, people } from '../test/support/activities.js';
import { startOurBot } from './bots.js';
import { startFastConnector, type ConnectorCall, type FastConnector } from './fast-connector.js';
import { postOnce } from './load.js';
import type { BenchContext } from './run-context.js';
import { seedRequests } from './seed-requests.js';
import type { ServerProcess } from './server-process.js';
import { round, summarize, type LatencySummary } from './stats.js';

export interface StartFigures {
  /** Median time from spawn to the first /readyz 200 over the starts, in milliseconds. */
  readyMs: number;
  /** Median resident set size over the starts after readiness and a short idle wait, in MiB. */
  idleResidentMiB: number;
  /** Figures of every start, in order. */
  starts: Array<{ readyMs: number; idleResidentMiB: number }>;
}

export interface FootprintResult {
  empty: StartFigures;
  stored: StartFigures & {
    requests: number;
    /** Time to write the requests through ChangeRequestStore, for reference. */
    seedSeconds: number;
    /** Latency of the `requests` command (the POST, which ends after the reply was sent). */
    list: LatencySummary;
    /** Latency of `help` on the same bot, for scale. */
    help: LatencySummary;
    /** Resident set size after the `requests` commands, in MiB. */
    residentAfterListMiB: number;
    /** Whether the bot replied to every `requests` with a card rather than "not available". */
    listReplied: boolean;
  };
}

const READY_POLL_MS = 5;

export async function measureFootprint(context: BenchContext): Promise<FootprintResult> {
  const { settings } = context;
  const directory = mkdtempSync(join(tmpdir(), 'sso-bot-bench-'));
  const connector = await startFastConnector();
  // /readyz reads the organization from Graph, so the bot needs a tenant to become ready.
  const emulator = await startTenantEmulator({ port: 0 });
  try {
    context.log(`footprint: starting the bot ${settings.footprintStarts} times on an empty state file`);
    const empty = await startRepeatedly(context, emulator, join(directory, 'empty.sqlite'), 'footprint-empty', async () => undefined);

    context.log(`footprint: storing ${settings.storedRequests} change requests`);
    const storedPath = join(directory, 'stored.sqlite');
    const seedStarted = performance.now();
    await seedRequests({ path: storedPath, count: settings.storedRequests, serviceUrl: connector.serviceUrl });
    const seedSeconds = round((performance.now() - seedStarted) / 1000);

    context.log(`footprint: starting the bot ${settings.footprintStarts} times on the full state file`);
    const stored = await startRepeatedly(context, emulator, storedPath, 'footprint-stored', (server) => timeCommands(server, connector, settings.listSamples));
    return {
      empty: empty.figures,
      stored: { ...stored.figures, ...stored.extra!, requests: settings.storedRequests, seedSeconds },
    };
  } finally {
    await connector.close();
    await emulator.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Starts the bot on the state file several times, and runs `then` on the last start. */
async function startRepeatedly<T>(
  context: BenchContext,
  emulator: TenantEmulator,
  statePath: string,
  logName: string,
  then: (server: ServerProcess) => Promise<T>,
): Promise<{ figures: StartFigures; extra: T }> {
  const starts: StartFigures['starts'] = [];
  for (let start = 1; ; start += 1) {
    const server = await startOurBot({ logFile: join(context.logDir, `${logName}-${start}.log`), stateStore: `sqlite:${statePath}`, graphEndpoint: emulator.url });
    try {
      const readyAt = await waitForReady(server.url);
      await delay(context.settings.idleSettleMs);
      starts.push({ readyMs: round(readyAt - server.spawnedAt, 1), idleResidentMiB: mebibytes(server.residentBytes()) });
      if (start < context.settings.footprintStarts) continue;

      const figures = { readyMs: median(starts.map((entry) => entry.readyMs)), idleResidentMiB: median(starts.map((entry) => entry.idleResidentMiB)), starts };
      return { figures, extra: await then(server) };
    } finally {
      await server.stop();
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Polls /readyz until it returns 200 and returns `performance.now()` of that response. */
async function waitForReady(url: string, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const status = await fetch(`${url}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) return performance.now();
    await delay(READY_POLL_MS);
  }
  throw new Error(`${url}/readyz did not return 200 within ${timeoutMs} ms.`);
}

interface CommandFigures {
  list: LatencySummary;
  help: LatencySummary;
  residentAfterListMiB: number;
  listReplied: boolean;
}

/** Sends `requests` and `help` in turn from Alex's personal chat, one at a time. */
async function timeCommands(server: ServerProcess, connector: FastConnector, samples: number): Promise<CommandFigures> {
  const cardReplies = new Set<string>();
  connector.observe((call) => {
    if (hasAttachment(call)) cardReplies.add(call.path);
  });
  const list: number[] = [];
  const help: number[] = [];
  const listIds: string[] = [];
  try {
    for (let sample = 0; sample < samples; sample += 1) {
      const id = `bench-${randomUUID()}`;
      listIds.push(id);
      list.push(await timeCommand(server, connector, 'requests', id));
      help.push(await timeCommand(server, connector, 'help', `bench-${randomUUID()}`));
    }
  } finally {
    connector.observe(undefined);
  }
  const replied = [...cardReplies];
  return {
    list: summarize(list),
    help: summarize(help),
    residentAfterListMiB: mebibytes(server.residentBytes()),
    listReplied: listIds.every((id) => replied.some((path) => path.endsWith(`/activities/${encodeURIComponent(id)}`))),
  };
}

async function timeCommand(server: ServerProcess, connector: FastConnector, text: string, id: string): Promise<number> {
  const activity = messageActivity({ text, from: people.alex, serviceUrl: connector.serviceUrl, id });
  const exchange = await postOnce(`${server.url}/api/messages`, JSON.stringify(activity));
  if (exchange.status < 200 || exchange.status > 299) throw new Error(`"${text}" failed with HTTP ${exchange.status}: ${exchange.body}`);
  return exchange.latencyMs;
}

/** True when the bot sent a card, as the `requests` command does. A "not available" reply is plain text. */
function hasAttachment(call: ConnectorCall): boolean {
  return Array.isArray(call.body?.attachments) && call.body.attachments.length > 0;
}

function mebibytes(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}
