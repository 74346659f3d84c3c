import type { UserRef } from './command.js';
import { mentionAt, mentionPlaceholderPattern, type NormalizedText } from './normalize-text.js';

const addressPattern = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * Splits a list of people on commas, semicolons, "&" and "and". Mentions
 * written side by side without a separator count as separate people.
 * Returns undefined when an item is empty or unreadable.
 */
export function parseUsers(text: string, mentions: NormalizedText['mentions']): UserRef[] | undefined {
  const items = text
    .split(/\s*[,;&]\s*|\s+and\s+/i)
    .flatMap((item) => splitAdjacentMentions(item.trim()));

  const users: UserRef[] = [];
  for (const item of items) {
    const user = parseUser(item, mentions);
    if (!user) {
      return undefined;
    }
    users.push(user);
  }
  return users.length > 0 ? users : undefined;
}

function splitAdjacentMentions(item: string): string[] {
  const parts = item.split(' ');
  const allMentions = parts.length > 1 && parts.every((part) => mentionPlaceholderPattern.test(part));
  return allMentions ? parts : [item];
}

function parseUser(item: string, mentions: NormalizedText['mentions']): UserRef | undefined {
  const mention = mentionAt(item, mentions);
  if (mention) {
    return mention;
  }
  if (item === '' || /[\uE000\uE001]/.test(item)) {
    return undefined;
  }

  if (/^mailto:/i.test(item)) {
    const address = item.slice('mailto:'.length);
    return addressPattern.test(address) ? { kind: 'mail', value: address } : undefined;
  }
  if (addressPattern.test(item)) {
    return { kind: 'upn', value: item };
  }

  const name = item.replace(/^@/, '').replace(/^["'\u201c\u2018](.*)["'\u201d\u2019]$/, '$1').trim();
  return name === '' ? undefined : { kind: 'name', value: name };
}
