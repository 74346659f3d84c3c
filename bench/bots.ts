// Launchers for the two servers under measurement: our bot from the built
// output (`node dist/main.js`, as `npm start` runs it) and the bare echo bot.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTenantId, people } from '../test/support/activities.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const entryPoint = join(repoRoot, 'dist', 'main.js');

export interface OurBotOptions {
  logFile: string;
  /** Value of `STATE_STORE`, an in-memory store by default. */
  stateStore?: string;
  /** Value of `GRAPH_ENDPOINT`, by default a loopback port that nothing listens on. */
  graphEndpoint?: string;
  /** Further environment variables. */
  env?: Record<string, string>;
}

/**
 * Environment of our bot in every measurement: unauthenticated loopback
 * mode, the demo tenant, Megan as the only approver (so no approver group is
 * read from Graph) and the production default log level.
 */
export function ourBotEnv(options: OurBotOptions): Record<string, string> {
  return {
    PORT: '0',
    TENANT_ID: defaultTenantId,
    GRAPH_ENDPOINT: options.graphEndpoint ?? 'http://127.0.0.1:9',
    STATE_STORE: options.stateStore ?? 'memory:',
    APPROVER_IDS: people.megan.aadObjectId,
    LOG_LEVEL: 'info',
    ...options.env,
  };
}

export function startOurBot(options: OurBotOptions): Promise<ServerProcess> {
  return startServerProcess({
    name: 'our bot',
    command: process.execPath,
    args: [entryPoint],
    env: ourBotEnv(options),
    logFile: options.logFile,
  });
}

/** Starts the tenant emulator in a child process, controlled through its `/_emulator/` API. */
export function startEmulatorProcess(logFile: string): Promise<ServerProcess> {
  return startBenchScript('tenant emulator', 'emulator-process.ts', logFile, 'emulator started');
}

export function startBareBot(logFile: string): Promise<ServerProcess> {
  return startBenchScript('bare bot', 'bare-bot.ts', logFile);
}

/** Runs a server script from bench/ under tsx on a free port; without `startMessage` it waits for the `bot started` log line. */
function startBenchScript(name: string, script: string, logFile: string, startMessage?: string): Promise<ServerProcess> {
  return startServerProcess({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'bench', script)],
    env: { PORT: '0' },
    logFile,
    ...(startMessage === undefined ? {} : { startMessage }),
  });
}

/**
 * Runs `npm run build` when dist/main.js is missing or older than a file
 * under src/. Returns true when it built. A failed type check still emits
 * JavaScript, so the build's exit code only matters when no entry point
 * results.
 */
export function buildIfStale(log: (line: string) => void): boolean {
  if (existsSync(entryPoint) && statSync(entryPoint).mtimeMs >= newestSourceTime(join(repoRoot, 'src'))) return false;

  log('dist/ is older than src/; running npm run build');
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    if (!existsSync(entryPoint)) throw new Error('npm run build failed and left no dist/main.js. Fix the build first.', { cause: error });
    log('npm run build reported errors; measuring the JavaScript it emitted');
  }
  return true;
}

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
