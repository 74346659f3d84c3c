import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the Microsoft 365 Agents Playground 0.2.28 as a child process with
// telemetry off and every listener on 127.0.0.1. Without both
// --disable-telemetry and APPLICATION_INSIGHTS_NO_STATSBEAT the Playground
// contacts Application Insights and a cloud metadata address.

const require = createRequire(import.meta.url);
const loopbackPreload = join(dirname(fileURLToPath(import.meta.url)), 'playground-loopback.cjs');

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, such as http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** The generated `.m365agentsplayground.yml`. */
  configPath: string;
  /** Path of the log file the Playground writes. */
  logPath: string;
  /** Port of the Playground page, 0 for a free one. The Playground takes another free port when this one is in use. */
  port?: number;
  /** Time in milliseconds for the Playground to listen and serve its configuration (30 s by default). */
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  /** The page URL, such as http://127.0.0.1:56150. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
  constructor(
    readonly code: 'start_failed' | 'start_timed_out',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const child = spawn(
    process.execPath,
    ['--require', loopbackPreload, cli, 'start', '--disable-telemetry', '--app-endpoint', options.botEndpoint, '--port', String(options.port ?? 0)],
    { env: playgroundEnv(options), stdio: ['ignore', 'pipe', 'pipe'] },
  );

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const port = await waitForPort(child, deadline - Date.now());
  await waitForConfig(child, port, deadline, options.logPath);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}

function playgroundEnv(options: PlaygroundOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logPath,
    // Stops the Playground from opening a browser window itself.
    TEAMSAPPTESTER_BROWSER: 'none',
  };
}

/** Waits for "Listening on PORT", which the Playground prints when stdout is not a terminal. */
function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (error: PlaygroundError): void => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(error);
    };
    const timer = setTimeout(() => fail(new PlaygroundError('start_timed_out', `The Playground did not start within ${timeoutMs} ms. Output: ${output.slice(-500)}`)), timeoutMs);

    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(new PlaygroundError('start_failed', 'The Playground could not be started.', { cause: error })));
    child.once('exit', (code) => fail(new PlaygroundError('start_failed', `The Playground exited with code ${code} before listening. Output: ${output.slice(-500)}`)));
  });
}

/**
 * Waits until the Playground serves its configuration. It prints "Listening"
 * before it reads the config file, and exits when the file is invalid.
 */
async function waitForConfig(child: ChildProcess, port: number, deadline: number, logPath: string): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new PlaygroundError('start_failed', `The Playground exited with code ${child.exitCode}, often because of an invalid config file. See ${logPath}.`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/_internal/v1/testConfig`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not serving yet, so try again after the pause below.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new PlaygroundError('start_timed_out', `The Playground did not serve its configuration in time. See ${logPath}.`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(forceTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
