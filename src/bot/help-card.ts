import { CardFactory, type Attachment } from 'botbuilder';
import { expandTemplate } from '../cards/card-template.js';
import { commandCatalog, displayUsage } from '../commands/index.js';

export interface HelpCardOptions {
  /** A sentence above the list, such as the greeting on install. */
  intro?: string;
}

/** Binds `cards/help.json` to the command catalog. */
export function buildHelpCard(options: HelpCardOptions = {}): Record<string, unknown> {
  return expandTemplate('help', {
    title: 'What I can do',
    intro: options.intro ?? '',
    commands: commandCatalog.map((entry) => ({ usage: displayUsage(entry.usage), description: entry.description })),
    footer: 'In a channel or group chat, @mention me first. Every change is planned on a card and runs only after someone else approves it.',
  });
}

export function helpCardAttachment(options: HelpCardOptions = {}): Attachment {
  return CardFactory.adaptiveCard(buildHelpCard(options));
}
