import type { Activity } from 'botbuilder';
import type { Command } from '../commands/index.js';

/** The sentences the bot sends when it cannot do what was asked. */
export const botMessages = {
  foreignTenant:
    'Sorry, I work only for the organization that installed me, so I cannot act on messages from this one.',
  unknownActor:
    'I could not tell who sent this (the message has no Microsoft Entra user id), so I did not act on it.',
  invalidCardAction: 'This button sent an incomplete action, so nothing changed. Please try again from the latest card.',
  cardActionUnavailable: 'This button is not available yet in this version of the bot, so nothing changed.',
  commandUnavailable: 'This command is not available yet in this version of the bot.',
  greeting:
    'Hi! I set up SAML single sign-on in Microsoft Entra ID for GoToMeeting and AWS Single-Account Access, with a second person approving every change.',
  failure: (correlationId: string) =>
    `Something went wrong on my side, so I stopped. Please try again. If it keeps failing, give your admin this reference: ${correlationId}.`,
};

/**
 * Builds a message that Teams shows as plain text. Use it for sentences that
 * contain a person's name or other text from an activity or the directory,
 * because Teams renders Markdown links and images in bot messages.
 */
export function plainTextMessage(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'plain' };
}

/**
 * Builds the short help for text the parser did not recognise. It quotes the
 * sender's text, so it goes out as plain text: Teams renders Markdown links
 * and images in bot messages, and the bot would otherwise post them as its own.
 */
export function unknownCommandMessage(command: Extract<Command, { type: 'unknown' }>): Partial<Activity> {
  const lines: string[] = [];

  if (command.problem) {
    lines.push(command.problem);
  } else {
    lines.push(`Sorry, I don't understand "${command.text}".`);
  }
  if (command.suggestion) {
    lines.push(`Did you mean "${command.suggestion}"?`);
  }
  lines.push('Type "help" to see every command.');

  return { type: 'message', text: lines.join(' '), textFormat: 'plain' };
}
