import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CardUpdates } from '../../src/bot/flow/card-updates.js';

const silent = pino({ level: 'silent' });

function recordingUpdates(intervalMs: number) {
  const sent: string[] = [];
  const updates = new CardUpdates({ render: async (requestId) => void sent.push(requestId), intervalMs, logger: silent });
  return { updates, sent };
}

describe('CardUpdates', () => {
  it('coalesces updates scheduled during a send', async () => {
    const { updates, sent } = recordingUpdates(1);

    updates.schedule('CR-AAAA');
    updates.schedule('CR-AAAA');
    updates.schedule('CR-AAAA');
    await updates.idle();

    expect(sent).toEqual(['CR-AAAA', 'CR-AAAA']);
  });

  it('sends a final update without waiting out the interval', async () => {
    // With a 10-minute interval, a non-final second update would outlast the test timeout.
    const { updates, sent } = recordingUpdates(600_000);

    updates.schedule('CR-AAAA');
    updates.schedule('CR-AAAA', { final: true });
    await updates.idle();

    expect(sent).toEqual(['CR-AAAA', 'CR-AAAA']);
  });
});
