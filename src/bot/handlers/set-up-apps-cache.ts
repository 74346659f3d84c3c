import type { AppProfile } from '../../sso/index.js';

/**
 * Time the list of set-up apps is reused, in milliseconds. A set-up that
 * finished within this time can be missed, so a command without an app may
 * still default to the one app set up before it. Its request card names the
 * app before anyone submits or approves.
 */
export const SET_UP_APPS_TTL_MS = 10_000;

/**
 * Cache of the profiles whose app is set up in the tenant. A successful read
 * is reused until `ttlMs` after it started, and concurrent callers share one
 * read. A failed read is not cached, so the next call reads again.
 */
export class SetUpAppsCache {
  private cached: { profiles: AppProfile[]; readAtMs: number } | undefined;
  private reading: Promise<AppProfile[]> | undefined;

  constructor(
    private readonly read: () => Promise<AppProfile[]>,
    private readonly now: () => Date,
    private readonly ttlMs = SET_UP_APPS_TTL_MS,
  ) {}

  get(): Promise<AppProfile[]> {
    const nowMs = this.now().getTime();
    if (this.cached && nowMs - this.cached.readAtMs < this.ttlMs) return Promise.resolve(this.cached.profiles);

    this.reading ??= this.read()
      .then((profiles) => {
        this.cached = { profiles, readAtMs: nowMs };
        return profiles;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}
