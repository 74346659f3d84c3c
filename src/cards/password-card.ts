import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { escapeMarkdown } from './escape-markdown.js';
import { safeText } from './format.js';

export interface PasswordCardView {
  displayName: string;
  userPrincipalName: string;
  password: string;
  /** `conversation.conversationType` of the conversation the card goes to. */
  conversationType: string;
}

/** Raised when the password card is built for a conversation other than a 1:1 chat. */
export class PasswordCardScopeError extends Error {
  readonly code = 'password_card_not_personal';

  constructor(conversationType: string) {
    super(`The password card can only be sent to a personal chat, not to a "${conversationType}" conversation.`);
    this.name = 'PasswordCardScopeError';
  }
}

/**
 * Builds the only card that carries a secret: the new test user's initial
 * password. It must only ever be sent to the requester's 1:1 (personal)
 * conversation with the bot, so the builder throws for any other
 * conversation type. Never log the returned card.
 */
export function buildPasswordCard(view: PasswordCardView): AdaptiveCardJson {
  if (view.conversationType !== 'personal') {
    throw new PasswordCardScopeError(view.conversationType);
  }

  return expandTemplate('password', {
    userLine: `${safeText(view.displayName)} (${safeText(view.userPrincipalName, 120)})`,
    // NOTE: escaping keeps Markdown characters in the password literal where the
    // renderer honours backslash escapes; a generator that avoids `*_[]()~|<>#\``
    // sidesteps the question.
    password: escapeMarkdown(view.password),
  });
}
