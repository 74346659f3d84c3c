import { describe, expect, it } from 'vitest';
import { AppPickStore, PICK_ID_PATTERN, type PendingPick } from '../../src/bot/handlers/app-picks.js';
import { MemoryStorage } from '../../src/storage/index.js';

const pick: PendingPick = {
  command: { type: 'status' },
  requester: '00000000-0000-4000-8000-000000000001',
  conversationId: 'a:personal-chat',
  offered: ['gotomeeting', 'aws-single-account'],
};

function storeAt(clock: { nowMs: number }) {
  const storage = new MemoryStorage();
  return { storage, picks: new AppPickStore(storage, () => new Date(clock.nowMs), 1000) };
}

describe('AppPickStore', () => {
  it('returns a stored pick until it expires', async () => {
    const clock = { nowMs: 1_000_000 };
    const { picks } = storeAt(clock);

    const pickId = await picks.create(pick);

    expect(pickId).toMatch(PICK_ID_PATTERN);
    expect((await picks.get(pickId))?.pick).toEqual(pick);
    clock.nowMs += 1000;
    expect(await picks.get(pickId)).toBeUndefined();
  });

  it('lets only the first take succeed', async () => {
    const { picks } = storeAt({ nowMs: 0 });
    const pickId = await picks.create(pick);
    const first = (await picks.get(pickId))!;
    const second = (await picks.get(pickId))!;

    expect(await picks.take(pickId, first.pick, first.eTag)).toBe(true);
    expect(await picks.take(pickId, second.pick, second.eTag)).toBe(false);
    const after = (await picks.get(pickId))!;
    expect(await picks.take(pickId, after.pick, after.eTag)).toBe(false);
  });

  it('deletes expired picks when it stores a new one', async () => {
    const clock = { nowMs: 0 };
    const { storage, picks } = storeAt(clock);
    const old = await picks.create(pick);

    clock.nowMs = 5000;
    const fresh = await picks.create(pick);

    expect(await storage.listKeys('app-pick/')).toEqual([`app-pick/${fresh}`]);
    expect(old).not.toBe(fresh);
  });

  it.each(['', 'CR-7F3K', '../request/CR-7F3K', `${'9'.repeat(15)}-not-a-uuid`])('ignores the pick id %j', async (pickId) => {
    const { picks } = storeAt({ nowMs: 0 });

    expect(await picks.get(pickId)).toBeUndefined();
  });
});
