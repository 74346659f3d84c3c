import type { Logger } from '../../logging/index.js';
import { withConnectorRetry } from './connector-retry.js';

export interface CardUpdatesOptions {
  /** Sends the card of the request in its latest state. */
  render(requestId: string): Promise<void>;
  /** The minimum time between two sends for one request, in milliseconds. */
  intervalMs: number;
  logger: Logger;
  /** Attempts of one send after retryable Bot Connector errors; 3 by default. */
  maxAttempts?: number;
}

interface Slot {
  pending: boolean;
  /** Set when the pending update is the last one, which need not wait out the interval. */
  final: boolean;
  draining?: Promise<void>;
  /** Ends the current wait early, so that a final update can go out sooner. */
  wake?: () => void;
  lastSentAt: number;
}

/**
 * The minimum time between two sends of one card, also for a final update.
 * Teams allows about 7 sends per second per conversation, one per 143 ms.
 */
const MIN_SEND_SPACING_MS = 150;

/**
 * Coalesces card updates per request: at most one send in flight and one
 * pending. A burst of run events therefore becomes a few sends of the
 * latest state, which keeps the bot under Teams' limit of about 7 sends per
 * second per conversation, and updates can never arrive out of order.
 */
export class CardUpdates {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly options: CardUpdatesOptions) {}

  /**
   * Schedules an update of the request's card to its latest state. Never
   * throws, and a failed send is logged. Pass `final` for the last update of
   * a run. Nothing follows it to coalesce with, so it waits only for the send
   * in flight and the Teams rate limit, not for the whole interval.
   */
  schedule(requestId: string, options: { final?: boolean } = {}): void {
    let slot = this.slots.get(requestId);
    if (!slot) {
      slot = { pending: false, final: false, lastSentAt: 0 };
      this.slots.set(requestId, slot);
    }
    if (options.final) {
      slot.final = true;
      // A waiting drain sends once its wait ends, and that send renders the latest state.
      if (slot.wake) {
        slot.wake();
        return;
      }
    }
    slot.pending = true;
    slot.draining ??= this.drain(requestId, slot);
  }

  /** Resolves when every scheduled update has been sent or given up. */
  async idle(): Promise<void> {
    while (this.slots.size > 0) {
      await Promise.all([...this.slots.values()].map((slot) => slot.draining));
    }
  }

  private async drain(requestId: string, slot: Slot): Promise<void> {
    while (slot.pending) {
      slot.pending = false;
      await this.waitForTurn(slot);
      slot.final = false;
      await this.send(requestId);
      slot.lastSentAt = Date.now();
    }
    slot.draining = undefined;
    this.slots.delete(requestId);
  }

  /** Waits out the interval since the last send, or only the shorter spacing once a final update is pending. */
  private async waitForTurn(slot: Slot): Promise<void> {
    for (;;) {
      const spacing = slot.final ? Math.min(this.options.intervalMs, MIN_SEND_SPACING_MS) : this.options.intervalMs;
      const wait = slot.lastSentAt + spacing - Date.now();
      if (wait <= 0) return;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          slot.wake = undefined;
          resolve();
        };
        const timer = setTimeout(wake, wait);
        slot.wake = wake;
      });
    }
  }

  private async send(requestId: string): Promise<void> {
    const { logger } = this.options;
    try {
      await withConnectorRetry(() => this.options.render(requestId), {
        attempts: this.options.maxAttempts ?? 3,
        initialDelayMs: Math.max(this.options.intervalMs, 1) * 4,
        onRetry: (error, attempt) => logger.warn({ err: error, requestId, attempt }, 'updating the card failed; retrying'),
      });
    } catch (error) {
      logger.warn({ err: error, requestId }, 'failed to update the card; it shows an older state until the next change');
    }
  }
}
