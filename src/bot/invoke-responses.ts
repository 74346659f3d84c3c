import type { AdaptiveCardInvokeResponse, InvokeResponse } from 'botbuilder';

export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';
export const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Builds an `adaptiveCard/action` response that Teams shows as a plain sentence under the card. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: text as unknown as Record<string, unknown> };
}

/** Builds an `adaptiveCard/action` response whose card replaces the clicked one for the clicking user. */
export function cardResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card };
}

/** Wraps a card action response in the HTTP 200 invoke response Teams expects. */
export function invokeResponse(body: AdaptiveCardInvokeResponse): InvokeResponse<AdaptiveCardInvokeResponse> {
  return { status: 200, body };
}

// The notices of card responses that show the card unchanged with a line
// saying why a click was rejected. A WeakMap keeps the notice out of the
// response body that Teams receives.
const notices = new WeakMap<AdaptiveCardInvokeResponse, string>();

/**
 * Builds a card response for a rejected or failed click: `card` is the clicked
 * card unchanged apart from `notice`. An `Action.Submit` click cannot receive a
 * card for the clicking user alone, so the bot sends it the notice as text instead.
 */
export function noticeCardResponse(card: Record<string, unknown>, notice: string): AdaptiveCardInvokeResponse {
  const response = cardResponse(card);
  notices.set(response, notice);
  return response;
}

/** Returns the notice of a response built by `noticeCardResponse`, or undefined. */
export function responseNotice(response: AdaptiveCardInvokeResponse): string | undefined {
  return notices.get(response);
}
