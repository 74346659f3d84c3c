import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultTenantId, messageActivity } from '../support/activities.js';
import { postJson } from '../support/bot-server.js';
import { startConnector } from '../support/connector.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Starts `src/main.ts` as `npm start` would run the built file, with only the given variables. */
function startMain(env: Record<string, string>) {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return { child, output: () => output };
}

/** Parses the JSON log lines, skipping what Node itself prints, such as warnings. */
function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitForLine(read: () => string, pattern: RegExp, exited: Promise<unknown>): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(read());
    if (match) {
      return match;
    }
    const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(resolve, 50, false))]);
    if (stopped) {
      throw new Error(`The process exited before logging ${pattern}: ${read()}`);
    }
  }
}

describe('main entry point', () => {
  it('refuses to start against real Graph without bot credentials', async () => {
    const { child, output } = startMain({ TENANT_ID: defaultTenantId, STATE_STORE: 'memory:' });

    const [code] = (await once(child, 'exit')) as [number];

    expect(code).toBe(1);
    const line = logLines(output()).find((entry) => entry.level === 60);
    expect(line).toBeDefined();
    expect(line?.variable).toBe('MicrosoftAppId');
    expect(line?.msg).toMatch(/MicrosoftAppId is missing while GRAPH_ENDPOINT is https:\/\/graph\.microsoft\.com/);
  });

  it('serves /api/messages in loopback mode', async () => {
    const connector = await startConnector();
    const { child, output } = startMain({
      TENANT_ID: defaultTenantId,
      GRAPH_ENDPOINT: 'http://127.0.0.1:9',
      STATE_STORE: 'memory:',
      PORT: '0',
    });
    const exited = once(child, 'exit');

    try {
      const [, url] = await waitForLine(output, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/, exited);
      const activity = messageActivity({ text: 'help', serviceUrl: connector.serviceUrl });

      const result = await postJson(`${url}/api/messages`, activity);
      const reply = await connector.waitFor((operation) => operation.replyToId === activity.id);

      expect(result.status).toBe(200);
      expect(reply.type).toBe('reply');
    } finally {
      child.kill('SIGTERM');
      await exited;
      await connector.close();
    }
  });
});
