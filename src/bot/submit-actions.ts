import { CardFactory, type Activity, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { SUBMIT_VERB_KEY } from '../cards/index.js';
import type { Logger } from '../logging/index.js';
import { plainTextMessage } from './bot-messages.js';
import { CARD_RESPONSE_TYPE, MESSAGE_RESPONSE_TYPE, responseNotice } from './invoke-responses.js';

/** A card click: the verb and the data, which is untrusted input. */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

/**
 * Reads the click of an `Action.Submit` fallback: a message without text
 * whose `value` contains `SUBMIT_VERB_KEY`. Returns undefined for any other
 * message, and 'malformed' when the verb is not a non-empty string. The
 * returned data is `value` without the verb, which is what `Action.Execute`
 * sends as `action.data` for the same button.
 */
export function readSubmitAction(activity: Partial<Activity>): CardAction | 'malformed' | undefined {
  if (activity.type !== 'message' || (activity.text ?? '').trim() !== '') return undefined;
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !(SUBMIT_VERB_KEY in value)) return undefined;

  const { [SUBMIT_VERB_KEY]: verb, ...data } = value as Record<string, unknown>;
  if (typeof verb !== 'string' || verb === '') return 'malformed';
  return { verb, data };
}

/**
 * Delivers a card action's response to an `Action.Submit` click, to which
 * Teams cannot respond with a card. A notice goes out as plain text and leaves the
 * card as it is. A card replaces the clicked card (`replyToId`) for everyone,
 * or is posted when the click names no card. A message goes out as plain text.
 */
export async function sendSubmitResponse(context: TurnContext, response: AdaptiveCardInvokeResponse, logger: Logger): Promise<void> {
  const notice = responseNotice(response);
  if (notice !== undefined) {
    await context.sendActivity(plainTextMessage(notice));
    return;
  }

  if (response.type === MESSAGE_RESPONSE_TYPE) {
    await context.sendActivity(plainTextMessage(String(response.value)));
    return;
  }
  if (response.type !== CARD_RESPONSE_TYPE) {
    logger.warn({ type: response.type, statusCode: response.statusCode }, 'sent nothing for a Submit click response of an unexpected type');
    return;
  }

  await replaceClickedCard(context, response.value, logger);
}

async function replaceClickedCard(context: TurnContext, card: Record<string, unknown>, logger: Logger): Promise<void> {
  const attachment = CardFactory.adaptiveCard(card);
  const cardActivityId = context.activity.replyToId;
  if (!cardActivityId) {
    logger.info('posted the card of a Submit click that names no card message');
    await context.sendActivity({ type: 'message', attachments: [attachment] });
    return;
  }

  // NOTE: this update does not go through the flow's coalesced card updates, so
  // it can arrive after a newer state of the same card. The card then shows the
  // older state until its next change.
  try {
    await context.updateActivity({ id: cardActivityId, type: 'message', attachments: [attachment] });
  } catch (error) {
    // The click itself was applied, so the card only lags until its next update.
    logger.warn({ err: error, cardActivityId }, 'failed to update the card of a Submit click');
  }
}
