import { randomUUID } from 'node:crypto';
import type { Command } from '../../commands/index.js';
import { isEtagConflict, type StateStorage } from '../../storage/types.js';

/** How long an app choice card accepts a pick, in milliseconds. */
export const APP_PICK_TTL_MS = 24 * 60 * 60 * 1000;

const PICK_PREFIX = 'app-pick/';

/** A pick id: the expiry in epoch milliseconds, zero-padded so keys sort by expiry, then a random UUID. */
export const PICK_ID_PATTERN = /^\d{15}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A command that waits for the requester to pick its app on a choice card. */
export interface PendingPick {
  command: Command;
  /** The Entra object id of the person who typed the command; only they can pick. */
  requester: string;
  conversationId: string;
  /** The profile ids offered on the card. */
  offered: string[];
  /** Set once a pick continued the command, so a second click or a retried invoke does nothing. */
  taken?: boolean;
}

/**
 * Stores the commands of app choice cards, so that a click selects among
 * the offered apps and nothing else comes from the card's data.
 */
export class AppPickStore {
  constructor(
    private readonly storage: StateStorage,
    private readonly now: () => Date,
    private readonly ttlMs = APP_PICK_TTL_MS,
  ) {}

  /** Stores the pending command and returns its pick id; expired picks are deleted on the way. */
  async create(pick: PendingPick): Promise<string> {
    const expiresAtMs = this.now().getTime() + this.ttlMs;
    const pickId = `${String(expiresAtMs).padStart(15, '0')}-${randomUUID()}`;
    await this.storage.write({ [PICK_PREFIX + pickId]: { ...pick } });
    await this.deleteExpired();
    return pickId;
  }

  /** Reads a pick that has not expired, with its eTag for `take`. */
  async get(pickId: string): Promise<{ pick: PendingPick; eTag: string | undefined } | undefined> {
    if (!PICK_ID_PATTERN.test(pickId) || Number(pickId.slice(0, 15)) <= this.now().getTime()) return undefined;
    const key = PICK_PREFIX + pickId;
    const item = (await this.storage.read([key]))[key];
    if (item === undefined) return undefined;
    const { eTag, ...pick } = item;
    return { pick: pick as unknown as PendingPick, eTag };
  }

  /** Marks the pick as used under compare-and-swap; returns false when another click used it first. */
  async take(pickId: string, pick: PendingPick, eTag: string | undefined): Promise<boolean> {
    if (pick.taken) return false;
    try {
      await this.storage.write({ [PICK_PREFIX + pickId]: { ...pick, taken: true, eTag: eTag ?? '*' } });
      return true;
    } catch (error) {
      if (isEtagConflict(error)) return false;
      throw error;
    }
  }

  private async deleteExpired(): Promise<void> {
    const nowMs = this.now().getTime();
    const keys = await this.storage.listKeys(PICK_PREFIX);
    const expired = keys.filter((key) => Number(key.slice(PICK_PREFIX.length, PICK_PREFIX.length + 15)) <= nowMs);
    if (expired.length > 0) await this.storage.delete(expired);
  }
}
