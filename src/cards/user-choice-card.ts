import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { capList, formatUtcMinute, MAX_TEXT_CHARS, safeText, truncate } from './format.js';

/** Maximum number of candidates one choice card lists. */
export const MAX_USER_CHOICES = 15;

export interface UserCandidateView {
  /** The Entra object id, sent back as the `userId` input. */
  id: string;
  displayName: string;
  userPrincipalName: string;
  jobTitle?: string;
  /** Set when the user already has the app's user role; `since` is the assignment's creation time. */
  access?: { since?: string };
}

export interface UserChoiceView {
  /** The draft request the pick completes. */
  requestId: string;
  /** The name as the requester typed it. */
  query: string;
  appName: string;
  candidates: UserCandidateView[];
  /** Whether the pick is for getting access (the default) or losing it. */
  action?: 'assign' | 'unassign';
}

export interface NoMatchView {
  requestId: string;
  query: string;
  appName: string;
  /** Close matches, which the requester can still pick. */
  closeMatches: UserCandidateView[];
  /** True when the name has the tutorial's form, such as `B.Simon`. */
  offerTestUser: boolean;
}

/** Builds the card that lists the users a name matches; nothing is requested until one is picked. */
export function buildUserChoiceCard(view: UserChoiceView): AdaptiveCardJson {
  const query = safeText(view.query);
  const app = safeText(view.appName);
  const removing = view.action === 'unassign';
  return bindChoice({
    requestId: view.requestId,
    query: view.query,
    title: view.candidates.length === 1 ? `One person matches "${query}". Confirm the pick:` : `Several people match "${query}". Pick one:`,
    introLine: removing ? `Only the person you pick loses access to ${app}.` : `Only the person you pick gets access to ${app}.`,
    candidates: view.candidates,
    offerTestUser: false,
    pickTitle: removing ? 'Request removal for this user' : undefined,
  });
}

/** Builds the "no match" card, with close matches and, for tutorial-style names, a test user offer. */
export function buildNoMatchCard(view: NoMatchView): AdaptiveCardJson {
  const closeLine = view.closeMatches.length > 0 ? ' Did you mean one of these?' : '';
  return bindChoice({
    requestId: view.requestId,
    query: view.query,
    title: `No user matches "${safeText(view.query)}"`,
    introLine: `Nobody in the directory is called "${safeText(view.query)}".${closeLine}`,
    candidates: view.closeMatches,
    offerTestUser: view.offerTestUser,
  });
}

interface ChoiceBinding {
  requestId: string;
  query: string;
  title: string;
  introLine: string;
  candidates: UserCandidateView[];
  offerTestUser: boolean;
  pickTitle?: string | undefined;
}

function bindChoice(binding: ChoiceBinding): AdaptiveCardJson {
  const { shown, moreLine } = capList(binding.candidates, MAX_USER_CHOICES);

  return expandTemplate('user-choice', {
    requestId: binding.requestId,
    // Input and data values are plain text, so the query is sent back unescaped.
    query: truncate(binding.query, MAX_TEXT_CHARS),
    title: binding.title,
    introLine: binding.introLine,
    choiceLabel: 'Users',
    // Choice titles are plain text, not Markdown, so they are not escaped.
    choices: shown.map((candidate) => ({ title: describeCandidate(candidate), value: candidate.id })),
    moreLine: moreLine ? `${moreLine}: type a UPN to narrow the search` : '',
    pickTitle: binding.pickTitle ?? 'Request access for this user',
    offerTestUser: binding.offerTestUser,
    createTitle: `Create test user ${truncate(binding.query, 40)}`,
  });
}

function describeCandidate(candidate: UserCandidateView): string {
  const parts = [truncate(candidate.displayName, MAX_TEXT_CHARS), truncate(candidate.userPrincipalName, 120)];
  if (candidate.jobTitle) {
    parts.push(truncate(candidate.jobTitle, MAX_TEXT_CHARS));
  }
  if (candidate.access) {
    parts.push(candidate.access.since ? `has access since ${formatUtcMinute(candidate.access.since)}` : 'already has access');
  }
  return parts.join(' · ');
}
