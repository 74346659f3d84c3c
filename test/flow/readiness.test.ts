import { afterEach, expect, it } from 'vitest';
import { startWorld, type FlowWorld } from './support/flow-harness.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

const fastRetries = { graphRetryPolicy: { throttling: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 1 } } };

function organizationReads(current: FlowWorld): number {
  return current.emulator.requestLog().filter((entry) => entry.method === 'GET' && entry.path.startsWith('/organization')).length;
}

it('reports the directory ready while Graph answers /organization', async () => {
  let clock = Date.parse('2026-12-04T12:00:00Z');
  world = await startWorld();
  const bot = await world.startBot({ overrides: { ...fastRetries, now: () => new Date(clock) } });

  const ready = await fetch(`${bot.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok', directory: 'ok' } });

  world.emulator.setFaults([{ method: 'GET', path: '/organization', kind: 'status', status: 503 }]);
  clock += 30_001;
  const notReady = await fetch(`${bot.url}/readyz`);
  expect(notReady.status).toBe(503);
  expect(await notReady.json()).toEqual({ status: 'not-ready', checks: { storage: 'ok', directory: 'failed' } });
});

it('reuses the directory check for 30 seconds', async () => {
  let clock = Date.parse('2026-12-04T12:00:00Z');
  world = await startWorld();
  const bot = await world.startBot({ overrides: { ...fastRetries, now: () => new Date(clock) } });
  world.emulator.clearRequestLog();

  for (let call = 0; call < 5; call += 1) {
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  }
  expect(organizationReads(world)).toBe(1);

  clock += 29_000;
  expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  expect(organizationReads(world)).toBe(1);

  clock += 1_001;
  expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  expect(organizationReads(world)).toBe(2);
});

it('shares one directory check among concurrent probes', async () => {
  world = await startWorld();
  const bot = await world.startBot({ overrides: fastRetries });
  world.emulator.clearRequestLog();
  // The delay keeps the first Graph request open while the other probes arrive.
  world.emulator.setLatency(300);

  const responses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${bot.url}/readyz`)));

  expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 8 }, () => 200));
  expect(organizationReads(world)).toBe(1);
});
