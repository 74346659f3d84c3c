import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { capList, formatUtcMinute, groupThumbprint, joinNames, safeText } from './format.js';

/** Number of assigned names the status card lists before "and N more". */
export const STATUS_NAMES_SHOWN = 5;
/** Maximum number of drift lines the status card lists. */
export const MAX_DRIFT_LINES = 10;

export interface StatusView {
  appName: string;
  appProfileId: string;
  checkedAt: string;
  /** `preferredSingleSignOnMode`, for example `saml`, or empty when unset. */
  mode: string;
  identifier: string;
  replyUrl: string;
  relayState: string;
  certificate?: { thumbprint: string; notAfter: string };
  /** The current time, for "days left". */
  now: string;
  assignedUserCount: number;
  assignedGroupCount: number;
  /** A few assigned principals' display names, in the order Graph listed them. */
  assignedNames: string[];
  /** One line per difference from the profile, empty when none. */
  drift: string[];
}

/** Builds the `status` card: the app's SSO state as read from the tenant, with drift and a Repair button. */
export function buildStatusCard(view: StatusView): AdaptiveCardJson {
  const drift = capList(view.drift, MAX_DRIFT_LINES);
  const driftLines = drift.shown.map((line) => `⚠️ ${safeText(line, 200)}`);

  return expandTemplate('status', {
    title: `${safeText(view.appName)} single sign-on`,
    appProfileId: view.appProfileId,
    checkedLine: `Read from the tenant at ${formatUtcMinute(view.checkedAt)}`,
    facts: describeFacts(view),
    assignmentsLine: describeAssignments(view),
    driftTitle: view.drift.length > 0 ? `Differences from the expected ${safeText(view.appName)} settings` : `Matches the expected ${safeText(view.appName)} settings`,
    driftColor: view.drift.length > 0 ? 'Warning' : 'Good',
    driftLines: drift.moreLine ? [...driftLines, drift.moreLine] : driftLines,
  });
}

function describeFacts(view: StatusView): Array<{ title: string; value: string }> {
  const notSet = 'not set';
  const facts = [
    { title: 'Single sign-on mode', value: view.mode ? describeMode(view.mode) : notSet },
    { title: 'Identifier (Entity ID)', value: view.identifier ? safeText(view.identifier, 200) : notSet },
    { title: 'Reply URL', value: view.replyUrl ? safeText(view.replyUrl, 200) : notSet },
    { title: 'RelayState', value: view.relayState ? safeText(view.relayState, 200) : notSet },
  ];
  if (!view.certificate) {
    return [...facts, { title: 'Certificate', value: 'no active signing certificate' }];
  }

  const daysLeft = Math.floor((Date.parse(view.certificate.notAfter) - Date.parse(view.now)) / 86_400_000);
  return [
    ...facts,
    { title: 'Certificate thumbprint', value: groupThumbprint(safeText(view.certificate.thumbprint, 64)) },
    { title: 'Expires', value: formatUtcMinute(view.certificate.notAfter) },
    { title: 'Days left', value: daysLeft < 0 ? `expired ${-daysLeft} days ago` : String(daysLeft) },
  ];
}

/** Spells a `preferredSingleSignOnMode` value in words, for example `saml` as SAML. */
function describeMode(mode: string): string {
  const names: Record<string, string> = { saml: 'SAML', password: 'Password-based', oidc: 'OpenID Connect', notSupported: 'Not supported' };
  return names[mode] ?? safeText(mode);
}

function describeAssignments(view: StatusView): string {
  const counts = `${plural(view.assignedUserCount, 'user')} and ${plural(view.assignedGroupCount, 'group')} assigned`;
  if (view.assignedNames.length === 0) {
    return counts;
  }

  const total = view.assignedUserCount + view.assignedGroupCount;
  const listedNames = view.assignedNames.slice(0, STATUS_NAMES_SHOWN).map((name) => safeText(name));
  const hidden = total - listedNames.length;
  return `${counts}: ${joinNames(hidden > 0 ? [...listedNames, `${hidden} more`] : listedNames)}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
