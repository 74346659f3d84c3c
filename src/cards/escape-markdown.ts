// Adaptive Cards render TextBlock and FactSet text as a Markdown subset, so a
// display name such as `[x](http://evil)` would become a link. Every string a
// user or the directory controls goes through `escapeMarkdown` before it is
// bound into a card. Choice titles and input values are plain text and are
// not escaped.

const INLINE_SPECIAL = /[\\`*_[\]()~|<>#]/g;
const LIST_MARKER = /^(\s*)([-+]|\d+\.)(\s)/;

/**
 * Escapes the Markdown characters that Adaptive Card text renders, and folds
 * line breaks into spaces so a value cannot start a list or a heading.
 */
export function escapeMarkdown(text: string): string {
  const singleLine = text.replace(/[\r\n]+/g, ' ');
  const inline = singleLine.replace(INLINE_SPECIAL, (character) => `\\${character}`);

  return inline.replace(LIST_MARKER, (_match, indent: string, marker: string, space: string) => {
    const escapedMarker = marker.endsWith('.') ? `${marker.slice(0, -1)}\\.` : `\\${marker}`;
    return `${indent}${escapedMarker}${space}`;
  });
}
