import { describe, expect, it } from 'vitest';
import { SetUpAppsCache } from '../../src/bot/handlers/set-up-apps-cache.js';
import { awsSingleAccountProfile, goToMeetingProfile, type AppProfile } from '../../src/sso/index.js';

function countingRead(results: Array<AppProfile[] | Error>) {
  const calls = { count: 0 };
  const read = async (): Promise<AppProfile[]> => {
    const result = results[calls.count] ?? [];
    calls.count += 1;
    if (result instanceof Error) throw result;
    return result;
  };
  return { calls, read };
}

describe('SetUpAppsCache', () => {
  it('reuses a read within the TTL', async () => {
    let nowMs = 0;
    const { calls, read } = countingRead([[goToMeetingProfile], [goToMeetingProfile, awsSingleAccountProfile]]);
    const cache = new SetUpAppsCache(read, () => new Date(nowMs), 1000);

    expect(await cache.get()).toEqual([goToMeetingProfile]);
    nowMs = 999;
    expect(await cache.get()).toEqual([goToMeetingProfile]);
    expect(calls.count).toBe(1);

    nowMs = 1000;
    expect(await cache.get()).toEqual([goToMeetingProfile, awsSingleAccountProfile]);
    expect(calls.count).toBe(2);
  });

  it('shares one read between concurrent callers', async () => {
    const { calls, read } = countingRead([[awsSingleAccountProfile]]);
    const cache = new SetUpAppsCache(read, () => new Date(0), 1000);

    const [first, second] = await Promise.all([cache.get(), cache.get()]);

    expect(first).toEqual([awsSingleAccountProfile]);
    expect(second).toEqual([awsSingleAccountProfile]);
    expect(calls.count).toBe(1);
  });

  it('does not keep a failed read', async () => {
    const { calls, read } = countingRead([new Error('Graph is down'), [goToMeetingProfile]]);
    const cache = new SetUpAppsCache(read, () => new Date(0), 1000);

    await expect(cache.get()).rejects.toThrow('Graph is down');
    expect(await cache.get()).toEqual([goToMeetingProfile]);
    expect(calls.count).toBe(2);
  });
});
