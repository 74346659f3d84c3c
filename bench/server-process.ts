// Starts a bot server as a child process, so the server under measurement
// does not share an event loop with the load generator, and stops it again.
// The child must print a JSON line with `msg: "bot started"` and its `url`
// (the bot's pino log line does). Its stdout and stderr go straight to a log
// file: pino writes synchronously, so a pipe that this busy process drains
// late would stall the bot whenever the pipe buffer is full.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

export interface ServerProcessOptions {
  /** A label for messages, such as "our bot". */
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Receives the child's stdout and stderr. */
  logFile: string;
  /** Time to wait for the start line, in milliseconds (30 s by default). */
  startTimeoutMs?: number;
  /** The `msg` of the JSON line that carries the URL ("bot started" by default). */
  startMessage?: string;
}

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** `performance.now()` when the child was spawned. */
  spawnedAt: number;
  /** `performance.now()` when the "bot started" line arrived. */
  startedAt: number;
  /** Resident set size of the child, in bytes, from /proc. */
  residentBytes(): number;
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 5_000;
const START_POLL_MS = 10;

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'w');
  const spawnedAt = performance.now();
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, { env: { ...process.env, ...options.env }, stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }

  try {
    const url = await waitForStartLine(child, options);
    return {
      name: options.name,
      pid: child.pid!,
      url,
      spawnedAt,
      startedAt: performance.now(),
      residentBytes: () => residentBytes(child.pid!),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Reads the log file until the "bot started" line appears, the child exits or the time runs out. */
async function waitForStartLine(child: ChildProcess, options: ServerProcessOptions): Promise<string> {
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = performance.now() + timeoutMs;
  let failure: string | undefined;
  child.once('error', (error) => {
    failure = `${options.name} failed to start: ${error.message}`;
  });

  while (performance.now() < deadline) {
    const startMessage = options.startMessage ?? 'bot started';
    const url = readFileSync(options.logFile, 'utf8').split('\n').map((line) => parseStartLine(line, startMessage)).find((found) => found !== undefined);
    if (url !== undefined) return url;
    if (failure !== undefined) throw new Error(failure);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited with ${child.signalCode ?? `code ${child.exitCode}`} before it listened. See ${options.logFile}.`);
    }
    await delay(START_POLL_MS);
  }
  throw new Error(`${options.name} printed no "${options.startMessage ?? 'bot started'}" line within ${timeoutMs} ms. See ${options.logFile}.`);
}

function parseStartLine(line: string, startMessage: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === startMessage && typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads VmRSS from /proc/<pid>/status, so it works on Linux only. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) throw new Error(`/proc/${pid}/status has no VmRSS line.`);
  return Number(match[1]) * 1024;
}

/** Sends SIGTERM, and SIGKILL when the child has not exited after a few seconds. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
