import type { AdaptiveCardJson } from './card-template.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * The size budget of one bot activity, in bytes of UTF-16. Teams documents
 * 100 KB for bot messages today, but 28 KB is the oldest limit still quoted
 * (the Workflows connector) and holds on every surface, so the cards keep it.
 */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

/** Measures a card as the activity that carries it, as UTF-16 bytes of its JSON. */
export function measureActivityBytes(card: AdaptiveCardJson): number {
  const activity = {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
  // A JavaScript string's length counts UTF-16 code units of two bytes each.
  return JSON.stringify(activity).length * 2;
}

/** Returns true when the activity carrying `card` stays under the size budget. */
export function fitsActivityBudget(card: AdaptiveCardJson): boolean {
  return measureActivityBytes(card) < MAX_ACTIVITY_BYTES;
}
