import { setTimeout as delay } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CardUpdates } from '../../src/bot/flow/card-updates.js';

const silent = pino({ level: 'silent' });

function recordingUpdates(intervalMs: number) {
  const sent: string[] = [];
  const render = async (requestId: string): Promise<void> => {
    sent.push(requestId);
    await delay(20);
  };
  return { updates: new CardUpdates({ render, intervalMs, logger: silent }), sent };
}

describe('CardUpdates', () => {
  it('coalesces updates scheduled during a send', async () => {
    const { updates, sent } = recordingUpdates(1);

    updates.schedule('CR-AAAA');
    await delay(5);
    updates.schedule('CR-AAAA');
    updates.schedule('CR-AAAA');
    await updates.idle();

    expect(sent).toEqual(['CR-AAAA', 'CR-AAAA']);
  });

  it('sends a final update without waiting out the interval', async () => {
    // With a 10-minute interval, a second update that waited for it would outlast the test timeout.
    const { updates, sent } = recordingUpdates(600_000);

    updates.schedule('CR-AAAA');
    await delay(5);
    updates.schedule('CR-AAAA', { final: true });
    await updates.idle();

    expect(sent).toEqual(['CR-AAAA', 'CR-AAAA']);
  });

  it('cuts a running wait short for a final update', async () => {
    const { updates, sent } = recordingUpdates(600_000);

    updates.schedule('CR-AAAA');
    await delay(5);
    updates.schedule('CR-AAAA');
    // The first send has ended and the second update waits for the interval.
    await delay(40);
    updates.schedule('CR-AAAA', { final: true });
    await updates.idle();

    expect(sent).toEqual(['CR-AAAA', 'CR-AAAA']);
  });
});
