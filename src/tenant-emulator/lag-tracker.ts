import type { LagSetting } from './types.js';

interface LagEntry {
  startedAt: number;
  ms: number;
  callsLeft: number;
}

/**
 * Tracks keys (object ids) that still lag after a write. A key lags until
 * both its call budget and its time budget are used up; each check while it
 * lags uses one call.
 */
export class LagTracker {
  private readonly entries = new Map<string, LagEntry>();

  constructor(
    private setting: LagSetting = {},
    private readonly now: () => number = Date.now,
  ) {}

  configure(setting: LagSetting): void {
    this.setting = { ...setting };
  }

  current(): LagSetting {
    return { ...this.setting };
  }

  start(key: string): void {
    const ms = this.setting.ms ?? 0;
    const calls = this.setting.calls ?? 0;
    if (ms <= 0 && calls <= 0) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { startedAt: this.now(), ms, callsLeft: calls });
  }

  /** Returns whether the key still lags and counts the call. */
  check(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return false;
    }
    const timeLeft = entry.startedAt + entry.ms > this.now();
    if (!timeLeft && entry.callsLeft <= 0) {
      this.entries.delete(key);
      return false;
    }
    entry.callsLeft -= 1;
    return true;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
