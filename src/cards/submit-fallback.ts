import type { AdaptiveCardJson } from './card-template.js';

/**
 * The `data` key that names the verb in an `Action.Submit` fallback. Submit
 * has no `verb`, and Teams posts its `data`, merged with the card's inputs,
 * as the `value` of a message activity, so the bot reads the verb from there.
 */
export const SUBMIT_VERB_KEY = 'verb';

// Properties of an Action.Execute that an Action.Submit shares. `id` is left
// out so that no id appears twice in a card.
const SHARED_PROPERTIES = ['title', 'style', 'iconUrl', 'tooltip', 'isEnabled', 'mode', 'associatedInputs'] as const;

/**
 * Builds the `Action.Submit` that replaces an `Action.Execute` on Teams
 * clients without Universal Actions: same title and data, plus the verb
 * under `SUBMIT_VERB_KEY`.
 */
export function submitFallbackOf(execute: Record<string, unknown>): Record<string, unknown> {
  const fallback: Record<string, unknown> = { type: 'Action.Submit' };
  for (const property of SHARED_PROPERTIES) {
    if (execute[property] !== undefined) fallback[property] = execute[property];
  }

  const data = isRecord(execute.data) ? execute.data : {};
  fallback.data = { ...data, [SUBMIT_VERB_KEY]: execute.verb };
  return fallback;
}

/**
 * Gives every `Action.Execute` in the bound card an `Action.Submit` fallback,
 * in place, and returns the card. Teams documents this fallback for clients
 * that do not support `Action.Execute`, and some Teams mobile builds are
 * reported to ignore Execute clicks.
 */
export function withSubmitFallbacks(card: AdaptiveCardJson): AdaptiveCardJson {
  addFallbacks(card);
  return card;
}

function addFallbacks(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) addFallbacks(item);
    return;
  }
  if (!isRecord(node)) return;

  if (node.type === 'Action.Execute' && node.fallback === undefined) {
    node.fallback = submitFallbackOf(node);
  }
  for (const [key, value] of Object.entries(node)) {
    // Action data is sent back unchanged and never contains actions.
    if (key !== 'data' && key !== 'fallback') addFallbacks(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
