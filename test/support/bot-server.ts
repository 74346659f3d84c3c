// Starts the real bot server (the same `startBot` as `npm start`) on a free
// loopback port, without bot credentials, with in-memory storage and a
// logger whose JSON lines the test can read.

import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createLogger } from '../../src/logging/index.js';
import { startBot, type RunningBot, type StartBotOverrides } from '../../src/main.js';
import { defaultTenantId } from './activities.js';

export interface TestBotOptions {
  /** Environment variables added to the test defaults before `loadConfig`. */
  env?: Record<string, string>;
  /** Fields replaced in the loaded configuration. */
  configOverrides?: Partial<Config>;
  /** Passed to `startBot`: storage, router handlers, routes, readiness checks. */
  overrides?: Omit<StartBotOverrides, 'logger'>;
}

export interface PostResult {
  status: number;
  /** The parsed JSON body, the text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export interface TestBot {
  url: string;
  running: RunningBot;
  config: Config;
  /** Every log line the bot wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** POSTs an activity (or a raw string body) to /api/messages over HTTP. */
  post(activity: unknown): Promise<PostResult>;
  close(): Promise<void>;
}

/** Test defaults: the demo tenant, a loopback Graph endpoint nothing listens on, memory storage. */
export const testEnv: Record<string, string> = {
  TENANT_ID: defaultTenantId,
  GRAPH_ENDPOINT: 'http://127.0.0.1:9',
  STATE_STORE: 'memory:',
  PORT: '0',
  LOG_LEVEL: 'debug',
};

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const config = { ...loadConfig({ ...testEnv, ...options.env }), ...options.configOverrides };
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(config.logLevel, collectLines(logs));
  const running = await startBot(config, { ...options.overrides, logger });

  return {
    url: running.url,
    running,
    config,
    logs,
    post: (activity) => postJson(`${running.url}/api/messages`, activity),
    close: () => running.close(),
  };
}

/** POSTs a JSON body (a string is sent as is) and reads the response. */
export async function postJson(url: string, body: unknown): Promise<PostResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  const text = await response.text();
  if (text === '') {
    return { status: response.status, body: undefined };
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}

function collectLines(lines: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
      }
      callback();
    },
  });
}
