import type { Actor, RequestState } from '../requests/types.js';
import type { ChangeKind } from '../sso/types.js';
import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { capList, formatAgo, safeText } from './format.js';

/** Maximum number of requests one list card shows. */
export const MAX_LISTED_REQUESTS = 25;

export interface RequestSummaryView {
  id: string;
  kind: ChangeKind;
  state: RequestState;
  requester: Actor;
  appName: string;
  createdAt: string;
}

export interface RequestsListView {
  requests: RequestSummaryView[];
  /** The current time, for the age column. */
  now: string;
}

const KIND_LABELS: Record<ChangeKind, string> = {
  'setup-sso': 'Set up SSO',
  'assign-user': 'Assign users',
  'unassign-user': 'Remove users',
  'create-test-user': 'Create test user',
  'rotate-certificate': 'Rotate certificate',
  repair: 'Repair SSO',
};

const STATE_LABELS: Record<RequestState, [string, string]> = {
  draft: ['Draft', 'Default'],
  'pending-approval': ['Waiting for approval', 'Accent'],
  approved: ['Approved', 'Accent'],
  running: ['Running', 'Accent'],
  succeeded: ['Done', 'Good'],
  failed: ['Failed', 'Attention'],
  rejected: ['Rejected', 'Attention'],
  cancelled: ['Cancelled', 'Default'],
  expired: ['Expired', 'Default'],
  'rolled-back': ['Rolled back', 'Warning'],
};

/** Builds the `requests` card: one row per request, in the order given. */
export function buildRequestsListCard(view: RequestsListView): AdaptiveCardJson {
  const { shown, moreLine } = capList(view.requests, MAX_LISTED_REQUESTS);

  return expandTemplate('requests-list', {
    title: 'Open and recent requests',
    rows: shown.map((request) => {
      const [stateLabel, stateColor] = STATE_LABELS[request.state];
      return {
        headline: `${safeText(request.id, 40)} · ${KIND_LABELS[request.kind]} · ${safeText(request.appName)}`,
        byline: `${safeText(request.requester.name)} · ${formatAgo(request.createdAt, view.now)}`,
        stateLabel,
        stateColor,
      };
    }),
    moreLine,
  });
}
