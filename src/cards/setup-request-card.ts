import type { ChangeKind, Plan } from '../sso/types.js';
import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { buildWithinBudget } from './fit-card.js';
import { capList, safeText } from './format.js';
import { describePasswordDelivery, type PasswordDelivery } from './password-delivery.js';
import { bindProgress, type RequestDetail, type RequestProgressView } from './request-progress.js';

/** Maximum number of summary lines ("what will change") a card lists. */
export const MAX_SUMMARY_LINES = 12;

export interface RelayStateChoice {
  title: string;
  value: string;
}

/** The set-up (or repair) request as the card shows it. */
export interface SetupRequestView extends RequestProgressView {
  kind: Extract<ChangeKind, 'setup-sso' | 'repair' | 'rotate-certificate'>;
  appName: string;
  plan: Pick<Plan, 'summary' | 'noChanges'>;
  /** True when an instance of the app already exists in the tenant. */
  existingInstance: boolean;
  relayStateChoices: RelayStateChoice[];
  /** The chosen RelayState value, preselected in the choice set. */
  relayState: string;
  createTestUser: boolean;
  /** Set when the test user B.Simon already exists; `hasAccess` when it already has a role in the app. */
  existingTestUser?: { hasAccess: boolean };
  /** The destination of the test user's password, once the run created B.Simon. */
  passwordDelivery?: PasswordDelivery;
  /** The choices of a draft certificate rotation: whether the new certificate becomes active at once. */
  rotationModeChoices?: RelayStateChoice[];
  /** The chosen rotation mode, preselected in the choice set. */
  rotationMode?: string;
}

/**
 * Builds the set-up request card in any state. Submit carries the inputs
 * (RelayState, test user); the bot re-plans on submit and the card then
 * shows the new plan hash.
 */
export function buildSetupRequestCard(view: SetupRequestView): AdaptiveCardJson {
  return buildWithinBudget((detail) => expandTemplate('change-request', bindSetupView(view, detail)));
}

function bindSetupView(view: SetupRequestView, detail: RequestDetail): object {
  const progress = bindProgress(view, detail, new Set());
  const isDraft = view.state === 'draft';

  return {
    ...progress,
    title: `${describeTitle(view)} · ${safeText(view.requestId, 40)}`,
    summaryLines: describeSummary(view),
    userRows: [],
    passwordLine: describePasswordDelivery(view.passwordDelivery, view.requester),
    showChoices: isDraft && !view.plan.noChanges && view.kind !== 'rotate-certificate',
    showRotationChoices: isDraft && !view.plan.noChanges && (view.rotationModeChoices?.length ?? 0) > 0,
    rotationModeChoices: view.rotationModeChoices ?? [],
    rotationMode: view.rotationMode ?? '',
    relayState: view.relayState,
    relayStateChoices: withChosenValue(view.relayStateChoices, view.relayState),
    choiceFacts: isDraft ? [] : describeChoices(view),
    createTestUserValue: view.createTestUser ? 'true' : 'false',
    ...bindTestUserChoice(view),
    canSubmit: !view.plan.noChanges,
  };
}

// An existing B.Simon is assigned, not created; one that already has access needs no toggle at all.
function bindTestUserChoice(view: SetupRequestView): { showTestUserToggle: boolean; testUserToggleTitle: string; testUserLine: string } {
  const app = safeText(view.appName);
  if (view.existingTestUser?.hasAccess) {
    return { showTestUserToggle: false, testUserToggleTitle: '', testUserLine: `The test user B.Simon already exists and has access to ${app}.` };
  }
  const title = view.existingTestUser ? 'Also assign the existing test user B.Simon' : 'Also create and assign the test user B.Simon';
  return { showTestUserToggle: true, testUserToggleTitle: title, testUserLine: '' };
}

function describeTestUser(view: SetupRequestView): string {
  if (view.existingTestUser?.hasAccess) {
    return 'already exists and has access';
  }
  if (!view.createTestUser) {
    return 'not included';
  }
  return view.existingTestUser ? 'existing user assigned' : 'created and assigned';
}

// After the draft the inputs are gone, so approvers and later readers see the chosen values as facts.
function describeChoices(view: SetupRequestView): Array<{ title: string; value: string }> {
  if (view.kind === 'rotate-certificate' || view.plan.noChanges || view.relayState === '') {
    return [];
  }
  const label = view.relayStateChoices.find((choice) => choice.value === view.relayState)?.title;
  const relayState = label ? `${safeText(label)} (${safeText(view.relayState, 300)})` : safeText(view.relayState, 300);
  const facts = [{ title: 'RelayState', value: relayState }];
  if (view.kind === 'setup-sso') {
    facts.push({ title: 'Test user B.Simon', value: describeTestUser(view) });
  }
  return facts;
}

// Teams shows an empty compact choice set when `value` matches no choice, so
// a chosen RelayState outside the profile's list is added as its own choice.
function withChosenValue(choices: RelayStateChoice[], chosen: string): RelayStateChoice[] {
  const listed = choices.map((choice) => ({ title: choice.title, value: choice.value }));
  if (chosen === '' || listed.some((choice) => choice.value === chosen)) {
    return listed;
  }
  return [...listed, { title: chosen, value: chosen }];
}

function describeTitle(view: SetupRequestView): string {
  const app = safeText(view.appName);
  switch (view.kind) {
    case 'setup-sso':
      return `Set up ${app} SSO`;
    case 'repair':
      return `Repair ${app} SSO`;
    case 'rotate-certificate':
      return `Rotate the ${app} signing certificate`;
  }
}

function describeSummary(view: SetupRequestView): string[] {
  const lines: string[] = [];
  if (view.existingInstance) {
    lines.push(`${safeText(view.appName)} already exists in this tenant.`);
  }
  if (view.plan.noChanges && view.kind === 'rotate-certificate') {
    lines.push(...view.plan.summary.slice(0, MAX_SUMMARY_LINES).map((line) => `- ${safeText(line, 200)}`), 'Nothing to change.');
    return lines;
  }
  if (view.plan.noChanges) {
    lines.push('Nothing to change: the tenant already matches the profile.');
    return lines;
  }
  if (view.existingInstance) {
    lines.push('The plan below repairs it:');
  }

  const { shown, moreLine } = capList(view.plan.summary, MAX_SUMMARY_LINES);
  lines.push(...shown.map((line) => `- ${safeText(line, 200)}`));
  if (moreLine) {
    lines.push(moreLine);
  }
  return lines;
}
