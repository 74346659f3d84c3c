import type { MentionEntity, UserRef } from './command.js';

/**
 * Marks a mention's place in normalised text. The sender can type these
 * private-use characters too, so `normalizeText` removes them from the input
 * and `decodeEntities` never produces them.
 */
const mentionOpen = '\uE000';
const mentionClose = '\uE001';
const mentionMarkers = /[\uE000\uE001]/g;
export const mentionPlaceholderPattern = /^\uE000(\d+)\uE001$/;

export interface NormalizedText {
  /** Plain text: tags removed, entities decoded, whitespace collapsed, trailing punctuation cut. */
  text: string;
  /** The people mentioned, in order; `text` refers to them by placeholder. */
  mentions: Array<Extract<UserRef, { kind: 'mention' }>>;
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the HTML entities Teams uses: named ones above and numeric ones. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) {
      return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? whole;
    }
    if (body.startsWith('#')) {
      return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? whole;
    }
    return namedEntities[body.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  const isMarker = code === mentionOpen.codePointAt(0) || code === mentionClose.codePointAt(0);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !isMarker ? String.fromCodePoint(code) : undefined;
}

/**
 * Turns message text as Teams sends it into plain text. Each `<at>…</at>` is
 * matched to a mention entity: the bot's own mention is removed, any other
 * becomes a placeholder that `mentionAt` resolves to the entity's ids (never
 * its display text).
 */
export function normalizeText(raw: string, entities: MentionEntity[], botId?: string): NormalizedText {
  const mentions: NormalizedText['mentions'] = [];
  const unused = entities.filter((entity) => entity.type === undefined || entity.type === 'mention');

  // Tag patterns exclude `<` inside a tag so that each match attempt stops at
  // the next `<`: with `[^>]*` a long run of unclosed tags takes quadratic time.
  const withPlaceholders = raw.replace(mentionMarkers, '').replace(/<at(?:\s[^<>]*)?>([^<]*)<\/at>/gi, (_whole, inner: string) => {
    const entity = takeEntity(unused, inner);
    if (!entity) {
      return ` ${plainName(inner)} `;
    }
    if (botId !== undefined && entity.mentioned.id === botId) {
      return ' ';
    }
    mentions.push({
      kind: 'mention',
      teamsUserId: entity.mentioned.id,
      aadObjectId: entity.mentioned.aadObjectId,
      name: entity.mentioned.name ?? plainName(inner),
    });
    return ` ${mentionOpen}${mentions.length - 1}${mentionClose} `;
  });

  const text = decodeEntities(
    withPlaceholders
      .replace(/<br\s*\/?>|<\/?(?:p|div)(?:\s[^<>]*)?>/gi, ' ')
      .replace(/<[^<>]+>/g, ''),
  )
    .replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, ' ')
    .trim();

  return { text: trimTrailingPunctuation(text), mentions };
}

/**
 * Cuts trailing spaces and sentence punctuation. A loop, because the regex
 * `/[\s.!?,;:]+$/` retries from every character of a long punctuation run
 * and takes quadratic time.
 */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ' .!?,;:'.includes(text.charAt(end - 1))) {
    end -= 1;
  }
  return text.slice(0, end);
}

/**
 * Takes the first unused entity whose display text matches, else the first
 * unused entity without text. An entity whose text names someone else is never
 * taken: the tag would show one person while the command acts on another.
 */
function takeEntity(unused: MentionEntity[], inner: string): MentionEntity | undefined {
  const name = plainName(inner);
  let index = unused.findIndex((entity) => entity.text !== undefined && plainName(innerText(entity.text)) === name);
  if (index < 0) {
    index = unused.findIndex((entity) => entity.text === undefined);
  }
  return index < 0 ? undefined : unused.splice(index, 1)[0];
}

function innerText(markup: string): string {
  return markup.replace(/<\/?at(?:\s[^>]*)?>/gi, '');
}

function plainName(text: string): string {
  return decodeEntities(text).replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Returns the mention that a placeholder token refers to, or undefined when the token is no placeholder. */
export function mentionAt(token: string, mentions: NormalizedText['mentions']): UserRef | undefined {
  const match = mentionPlaceholderPattern.exec(token.trim());
  return match ? mentions[Number(match[1])] : undefined;
}

/** Replaces placeholders with the mentioned names, for messages that quote the text back. */
export function withMentionNames(text: string, mentions: NormalizedText['mentions']): string {
  return text.replace(/\uE000(\d+)\uE001/g, (_whole, index: string) => `@${mentions[Number(index)]?.name ?? ''}`);
}
