import type { Actor } from '../requests/types.js';
import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { capList, formatUtcMinute, safeText } from './format.js';

/** Maximum number of checklist items one card shows. */
export const MAX_CHECKLIST_ITEMS = 10;

// Per-item caps, in characters, that keep 10 long items, each with a button
// and its Action.Submit fallback, under the size budget.
const MAX_TITLE_CHARS = 100;
const MAX_DETAIL_CHARS = 160;
/** Maximum link length in characters; a longer link is rejected because a cut link is useless. */
export const MAX_LINK_CHARS = 300;

export interface ChecklistItemView {
  /** Stable within the request, sent back as `itemId`. */
  id: string;
  title: string;
  detail?: string;
  /** A URL to copy, for example the user access link of the test step. */
  link?: string;
  done?: { by: Actor; at: string };
  /** A statement with nothing to do: plain text, no Done button, not counted in the progress. */
  informational?: boolean;
}

export interface ChecklistView {
  requestId: string;
  appName: string;
  items: ChecklistItemView[];
}

/** Builds the checklist card; each item's button ticks or unticks it for everyone. */
export function buildChecklistCard(view: ChecklistView): AdaptiveCardJson {
  const longLink = view.items.find((item) => (item.link?.length ?? 0) > MAX_LINK_CHARS);
  if (longLink) {
    throw new RangeError(`The link of checklist item "${longLink.id}" is longer than ${MAX_LINK_CHARS} characters.`);
  }
  const { shown, moreLine } = capList(view.items, MAX_CHECKLIST_ITEMS);
  const tasks = view.items.filter((item) => !item.informational);
  const doneCount = tasks.filter((item) => item.done).length;
  const progress = `${doneCount} of ${tasks.length} done`;

  return expandTemplate('checklist', {
    title: `Finish the ${safeText(view.appName)} set-up`,
    progressLine: moreLine ? `${progress} (${moreLine} not shown)` : progress,
    items: shown.map((item) => ({
      id: item.id,
      requestId: view.requestId,
      titleLine: item.informational ? safeText(item.title, MAX_TITLE_CHARS) : `${item.done ? '✅' : '⬜'} ${safeText(item.title, MAX_TITLE_CHARS)}`,
      titleWeight: item.informational ? 'Default' : 'Bolder',
      canToggle: !item.informational,
      detail: item.detail ? safeText(item.detail, MAX_DETAIL_CHARS) : '',
      link: item.link ?? '',
      doneLine: item.done ? `Done by ${safeText(item.done.by.name)} at ${formatUtcMinute(item.done.at)}` : '',
      buttonTitle: item.done ? 'Mark as not done' : 'Done',
    })),
  });
}
