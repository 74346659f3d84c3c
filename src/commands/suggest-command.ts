import { commandCatalog } from './catalog.js';

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of
 * two neighbouring letters (optimal string alignment), so "hlep" is one edit
 * from "help".
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 0; i <= a.length; i += 1) {
    (rows[i] as number[])[0] = i;
  }
  for (let j = 0; j <= b.length; j += 1) {
    (rows[0] as number[])[j] = j;
  }
  const at = (i: number, j: number): number => (rows[i] as number[])[j] as number;

  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (rows[i] as number[])[j] = best;
    }
  }

  return at(a.length, b.length);
}

/**
 * Returns the usage of the command whose trigger words are closest to the
 * start of the text, or undefined when nothing is close. "Close" allows one
 * edit per three letters of the trigger, at least one.
 */
export function suggestCommand(text: string): string | undefined {
  const words = text.toLowerCase().split(' ').filter((word) => word !== '');
  let best: { usage: string; distance: number } | undefined;

  for (const entry of commandCatalog) {
    for (const trigger of entry.triggers) {
      const length = trigger.split(' ').length;
      const start = words.slice(0, length).join(' ');
      const allowed = Math.max(1, Math.floor(trigger.length / 3));
      // The distance is at least the length difference, so a long word is
      // skipped before its table of length × trigger length is built.
      if (Math.abs(start.length - trigger.length) > allowed) {
        continue;
      }
      const distance = editDistance(start, trigger);
      if (distance <= allowed && (best === undefined || distance < best.distance)) {
        best = { usage: entry.usage, distance };
      }
    }
  }

  return best?.usage;
}
