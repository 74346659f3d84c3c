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
