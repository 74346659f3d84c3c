import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { safeText } from './format.js';

/** Maximum number of assignments one page shows. The caller pages Graph with this size. */
export const WHO_HAS_PAGE_SIZE = 20;

export interface AssignedPrincipalView {
  type: 'user' | 'group' | 'servicePrincipal';
  displayName: string;
  /** For users: the UPN. */
  userPrincipalName?: string;
  assignedAt?: string;
}

export interface WhoHasView {
  appName: string;
  appProfileId: string;
  principals: AssignedPrincipalView[];
  /** The number of this page's first row, counting from 1. */
  firstIndex: number;
  /** An opaque cursor for the next page, or absent on the last page. */
  cursor?: string;
  /** The number of assignments in all pages, when known. On the last page it is the last row's number. */
  total?: number;
}

const TYPE_ICONS: Record<AssignedPrincipalView['type'], string> = {
  user: '👤',
  group: '👥',
  servicePrincipal: '⚙️',
};

function describePage(view: WhoHasView, pageCount: number, last: number): string {
  if (pageCount === 0) {
    return 'Nobody is assigned.';
  }
  const total = view.total ?? (view.cursor ? undefined : last);
  if (view.firstIndex === 1 && total === pageCount) {
    return pageCount === 1 ? '1 assignment' : `${pageCount} assignments`;
  }
  return total === undefined ? `Assignments ${view.firstIndex}–${last} of more than ${last}` : `Assignments ${view.firstIndex}–${last} of ${total}`;
}

/** Builds one page of the `who has` card, with a "More" button when Graph has another page. */
export function buildWhoHasCard(view: WhoHasView): AdaptiveCardJson {
  const principals = view.principals.slice(0, WHO_HAS_PAGE_SIZE);
  const last = view.firstIndex + principals.length - 1;

  return expandTemplate('who-has', {
    title: `Who has ${safeText(view.appName)}`,
    appProfileId: view.appProfileId,
    pageLine: describePage(view, principals.length, last),
    rows: principals.map((principal) => {
      const upn = principal.userPrincipalName ? ` (${safeText(principal.userPrincipalName, 120)})` : '';
      return `${TYPE_ICONS[principal.type]} ${safeText(principal.displayName)}${upn}`;
    }),
    cursor: view.cursor ?? '',
  });
}
