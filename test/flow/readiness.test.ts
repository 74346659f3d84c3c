import { afterEach, expect, it } from 'vitest';
import { startWorld, type FlowWorld } from './support/flow-harness.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

it('reports the directory ready while Graph answers /organization', async () => {
  world = await startWorld();
  const bot = await world.startBot({ overrides: { graphRetryPolicy: { throttling: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 1 } } } });

  const ready = await fetch(`${bot.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok', directory: 'ok' } });

  world.emulator.setFaults([{ method: 'GET', path: '/organization', kind: 'status', status: 503 }]);
  const notReady = await fetch(`${bot.url}/readyz`);
  expect(notReady.status).toBe(503);
  expect(await notReady.json()).toEqual({ status: 'not-ready', checks: { storage: 'ok', directory: 'failed' } });
});
