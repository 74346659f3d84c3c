import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { safeText } from './format.js';

export interface AppChoiceView {
  /** Id of the stored pending command the pick continues. The bot reads the command from storage, never from the card. */
  pickId: string;
  /** The question, such as "Assign to which app?". */
  question: string;
  /** The apps offered, one button each. Empty once the pick is made. */
  apps: Array<{ id: string; name: string }>;
  /** The app picked, shown in place of the buttons after the click. */
  picked?: { name: string; by: string };
}

/**
 * Builds the card for choosing which app a command is about, sent when
 * several SSO apps are set up in the tenant. Each button sends `app.pick`
 * with the pick id and the app's profile id.
 */
export function buildAppChoiceCard(view: AppChoiceView): AdaptiveCardJson {
  const introLine = view.picked
    ? `${safeText(view.picked.by)} picked ${safeText(view.picked.name)}.`
    : 'Several SSO apps are set up in this tenant, so pick the app for this command.';
  return expandTemplate('app-choice', {
    pickId: view.pickId,
    question: safeText(view.question),
    introLine,
    apps: view.picked ? [] : view.apps.map((app) => ({ id: app.id, name: app.name })),
  });
}
