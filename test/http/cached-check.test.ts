import { describe, expect, it } from 'vitest';
import { cachedCheck } from '../../src/http/index.js';

function controlledCheck() {
  const runs: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const check = () =>
    new Promise<void>((resolve, reject) => {
      runs.push({ resolve, reject });
    });
  return { check, runs };
}

describe('cachedCheck', () => {
  it('shares one run among concurrent calls', async () => {
    const { check, runs } = controlledCheck();
    const cached = cachedCheck(check, { ttlMs: 30_000, now: () => new Date(0) });

    const calls = [cached(), cached(), cached()];
    expect(runs).toHaveLength(1);

    runs[0]!.resolve();
    await Promise.all(calls);
    expect(runs).toHaveLength(1);
  });

  it('reuses a success until the time to live ends', async () => {
    let clock = 0;
    const { check, runs } = controlledCheck();
    const cached = cachedCheck(check, { ttlMs: 30_000, now: () => new Date(clock) });

    const first = cached();
    runs[0]!.resolve();
    await first;

    clock = 29_999;
    await cached();
    expect(runs).toHaveLength(1);

    clock = 30_000;
    const second = cached();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve();
    await second;
  });

  it('reuses a failure until the time to live ends', async () => {
    let clock = 0;
    const { check, runs } = controlledCheck();
    const cached = cachedCheck(check, { ttlMs: 30_000, now: () => new Date(clock) });

    const first = cached();
    runs[0]!.reject(new Error('Graph returned 503'));
    await expect(first).rejects.toThrow('Graph returned 503');

    clock = 10_000;
    await expect(cached()).rejects.toThrow('Graph returned 503');
    expect(runs).toHaveLength(1);

    clock = 30_000;
    const second = cached();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve();
    await second;
  });
});
