import { fitsActivityBudget } from './card-size.js';
import type { AdaptiveCardJson } from './card-template.js';
import type { RequestDetail } from './request-progress.js';

const DETAIL_LEVELS: RequestDetail[] = ['bodies', 'paths', 'none'];

/**
 * Builds a change-request card with the most Graph request detail that keeps
 * the activity under the size budget. The list caps keep most cards at full
 * detail; this step handles the rare plan whose bodies alone are too long.
 */
export function buildWithinBudget(build: (detail: RequestDetail) => AdaptiveCardJson): AdaptiveCardJson {
  let card: AdaptiveCardJson = {};
  for (const detail of DETAIL_LEVELS) {
    card = build(detail);
    if (fitsActivityBudget(card)) {
      return card;
    }
  }
  return card;
}
