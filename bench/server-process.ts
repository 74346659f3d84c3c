// Starts a bot server as a child process, so the server under measurement
// does not share an event loop with the load generator, and stops it again.
// The child must print a JSON line with `msg: "bot started"` and its `url`
// (the bot's pino log line does). Everything it prints goes to a log file.

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

export interface ServerProcessOptions {
  /** A label for messages, such as "our bot". */
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Receives the child's stdout and stderr. */
  logFile: string;
  /** How long to wait for the "bot started" line; 30 s by default. */
  startTimeoutMs?: number;
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

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const spawnedAt = performance.now();
  const child = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log);

  try {
    const url = await waitForStartLine(child, log, options);
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

function waitForStartLine(child: ChildProcess, log: NodeJS.WritableStream, options: ServerProcessOptions): Promise<string> {
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(`${options.name} printed no "bot started" line within ${timeoutMs} ms; see ${options.logFile}.`), timeoutMs);

    function fail(message: string): void {
      clearTimeout(timer);
      reject(new Error(message));
    }

    lines.on('line', (line) => {
      log.write(`${line}\n`);
      if (url !== undefined) return;
      const started = parseStartLine(line);
      if (started === undefined) return;
      url = started;
      clearTimeout(timer);
      resolve(url);
    });
    child.once('exit', (code, signal) => {
      if (url === undefined) fail(`${options.name} exited with ${signal ?? `code ${code}`} before it listened; see ${options.logFile}.`);
    });
    child.once('error', (error) => fail(`${options.name} failed to start: ${error.message}`));
  });
}

function parseStartLine(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === 'bot started' && typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads VmRSS from /proc/<pid>/status; Linux only. */
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
