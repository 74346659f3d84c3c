import { escapeMarkdown } from './escape-markdown.js';

/** Maximum length of a display name, UPN or job title on a card, in characters. */
export const MAX_TEXT_CHARS = 80;

/** Formats an ISO timestamp as UTC to the minute: `2026-12-04 21:50 UTC`. */
export function formatUtcMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Shortens text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes and shortens a user-controlled string for card text. */
export function safeText(text: string, max = MAX_TEXT_CHARS): string {
  return escapeMarkdown(truncate(text, max));
}

/** Splits a list into the first `max` items and an "and N more" line for the rest (empty when none). */
export function capList<T>(items: readonly T[], max: number): { shown: T[]; moreLine: string } {
  const hidden = items.length - max;
  return {
    shown: items.slice(0, max),
    moreLine: hidden > 0 ? `and ${hidden} more` : '',
  };
}

/** Formats the time between two ISO timestamps as a short age: `5 min`, `3 h`, `2 d`. */
export function formatAge(sinceIso: string, nowIso: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(nowIso) - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) {
    return `${minutes} min`;
  }
  if (minutes < 48 * 60) {
    return `${Math.floor(minutes / 60)} h`;
  }
  return `${Math.floor(minutes / (24 * 60))} d`;
}

/** Formats how long ago an ISO timestamp was: `just now` under a minute, else `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAgo(sinceIso: string, nowIso: string): string {
  return Date.parse(nowIso) - Date.parse(sinceIso) < 60_000 ? 'just now' : `${formatAge(sinceIso, nowIso)} ago`;
}

/**
 * Groups a thumbprint in blocks of 8 characters separated by spaces, only for
 * display: a 40-character hex string has no place to break, so a card cuts it
 * at the right edge. Copyable forms keep the thumbprint unbroken.
 */
export function groupThumbprint(thumbprint: string): string {
  return thumbprint.match(/.{1,8}/g)?.join(' ') ?? thumbprint;
}

/** Joins names for a sentence: `A`, `A and B`, `A, B and C`. */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
