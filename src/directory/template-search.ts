import type { ApplicationTemplate } from '@microsoft/microsoft-graph-types';
import { DirectoryError } from './directory-error.js';

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function describe(template: ApplicationTemplate): string {
  return `"${template.displayName ?? '(no name)'}" (${template.id ?? 'no id'})`;
}

/**
 * Picks the one template that the search names refer to. Names such as
 * "GoToMeeting" and "GoTo Meeting" count as equal when only case, spaces or
 * punctuation differ. More than one remaining candidate is an error that
 * lists them, because picking one blindly could configure the wrong app.
 */
export function selectTemplate(names: string[], candidates: ApplicationTemplate[]): ApplicationTemplate {
  const unique = [...new Map(candidates.map((template) => [template.id, template])).values()];
  if (unique.length === 0) {
    throw new DirectoryError('not_found', `No gallery application template is named ${names.map((n) => `"${n}"`).join(' or ')}.`);
  }
  if (unique.length === 1) return unique[0]!;

  const targetNames = new Set(names.map(normalize));
  const close = unique.filter((template) => targetNames.has(normalize(template.displayName ?? '')));
  if (close.length === 1) return close[0]!;

  const listed = (close.length > 1 ? close : unique).map(describe).join(', ');
  throw new DirectoryError('ambiguous_match', `Several gallery templates match ${names.map((n) => `"${n}"`).join(' or ')}: ${listed}. Name one of them exactly.`);
}
