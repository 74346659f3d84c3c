import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/tenant-emulator/index.js';
import type { TestBot } from '../support/bot-server.js';
import { cardText, channel, groupChat, meetingRelayState, people, startWorld, type FlowWorld, type Place } from './support/flow-harness.js';
import { approveCard, askForSetup, submitRequest, waitForCardUpdate, type PostedRequest } from './support/flow-steps.js';

let world: FlowWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

const isInstantiate = (entry: LoggedRequest) => entry.method === 'POST' && entry.path.includes('/instantiate');

async function submitForApproval(current: FlowWorld, bot: TestBot, place: Place): Promise<{ posted: PostedRequest; card: Record<string, unknown> }> {
  const posted = await askForSetup(current, bot, people.alex, place);
  const answer = await submitRequest(current, bot, posted, people.alex, place, { relayState: meetingRelayState });
  return { posted, card: answer.card! };
}

describe('the run queue', () => {
  it('runs one at a time at limit 1', async () => {
    world = await startWorld({ latencyMs: 20 });
    const bot = await world.startBot({ env: { MAX_CONCURRENT_RUNS: '1' } });
    const first = await submitForApproval(world, bot, channel);
    const second = await submitForApproval(world, bot, groupChat);

    const approvals = await Promise.all([
      approveCard(world, bot, first.card, people.megan, channel),
      approveCard(world, bot, second.card, people.megan, groupChat),
    ]);
    for (const approval of approvals) expect(cardText(approval.card)).toContain('Approved by Megan Bowen');

    await waitForCardUpdate(world, first.posted, 'Done. Approved by Megan Bowen', 30_000);
    await waitForCardUpdate(world, second.posted, 'Done. Approved by Megan Bowen', 30_000);

    // The second request adopts the application the first one created, so one instantiate is sent.
    expect(world.emulator.requestLog().filter(isInstantiate)).toHaveLength(1);

    const queued = bot.logs.filter((line) => line.msg === 'queued the run until a slot is free');
    expect(queued).toHaveLength(1);
    const laterId = queued[0]!.requestId;
    const earlierId = laterId === first.posted.requestId ? second.posted.requestId : first.posted.requestId;
    expect([first.posted.requestId, second.posted.requestId]).toContain(laterId);

    const starts = bot.logs.filter((line) => line.msg === 'run started');
    expect(starts.map((line) => line.requestId).sort()).toEqual([earlierId, laterId].sort());
    const laterStart = bot.logs.indexOf(starts.find((line) => line.requestId === laterId)!);
    // Lines of the earlier run's logger carry its run action, and every one comes before the later run starts.
    const earlierRunLines = bot.logs.flatMap((line, index) => (line.requestId === earlierId && line.runAction !== undefined ? [index] : []));
    expect(earlierRunLines.length).toBeGreaterThan(2);
    expect(Math.max(...earlierRunLines)).toBeLessThan(laterStart);
    expect(bot.logs.slice(0, laterStart).some((line) => line.requestId === earlierId && line.msg === 'run started')).toBe(true);
  });

  it('drops queued runs on close for another instance', async () => {
    world = await startWorld({ latencyMs: 50 });
    const bot = await world.startBot({ env: { MAX_CONCURRENT_RUNS: '1' } });
    const first = await submitForApproval(world, bot, channel);
    const second = await submitForApproval(world, bot, groupChat);
    await approveCard(world, bot, first.card, people.megan, channel);
    await approveCard(world, bot, second.card, people.megan, groupChat);
    await waitForLog(bot, 'queued the run until a slot is free');

    await bot.close();
    const dropped = bot.logs.find((line) => line.msg === 'dropped the queued runs, which stay approved for the next sweep of any instance');
    expect(dropped?.requestIds).toHaveLength(1);
    const queuedId = (dropped!.requestIds as string[])[0];
    expect(bot.logs.some((line) => line.msg === 'run started' && line.requestId === queuedId)).toBe(false);

    const next = await world.startBot();
    await waitForCardUpdate(world, first.posted, 'Done. Approved by Megan Bowen', 30_000);
    await waitForCardUpdate(world, second.posted, 'Done. Approved by Megan Bowen', 30_000);
    expect(next.logs.some((line) => line.msg === 'run started' && line.requestId === queuedId)).toBe(true);
    expect(world.emulator.requestLog().filter(isInstantiate)).toHaveLength(1);
  });
});

/** Waits until the bot wrote a log line with `message`. */
async function waitForLog(bot: TestBot, message: string): Promise<void> {
  while (!bot.logs.some((line) => line.msg === message)) await new Promise((resolve) => setTimeout(resolve, 5));
}
