import type { ChangeKind } from '../sso/types.js';
import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { buildWithinBudget } from './fit-card.js';
import { capList, safeText } from './format.js';
import { describePasswordDelivery, type PasswordDelivery } from './password-delivery.js';
import { bindProgress, describeStepStatus, hasRun, type RequestDetail, type RequestProgressView } from './request-progress.js';

/** Maximum number of users a card lists; more become "and N more". */
export const MAX_USERS_PER_REQUEST = 20;

// Per-user caps, in characters, that keep 20 failed users with long names
// under the activity size budget.
const MAX_NAME_CHARS = 56;
const MAX_UPN_CHARS = 80;
const MAX_JOB_TITLE_CHARS = 48;
const MAX_RESULT_CHARS = 60;

export interface UserView {
  displayName: string;
  userPrincipalName: string;
  jobTitle?: string;
  /** The plan step that assigns, unassigns or creates this user, for its result. */
  stepId?: string;
}


export interface UserAssignmentView extends RequestProgressView {
  kind: Extract<ChangeKind, 'assign-user' | 'unassign-user' | 'create-test-user'>;
  appName: string;
  /** The app role the users get, for example `User`. */
  roleName: string;
  users: UserView[];
  /** For `create-test-user`: where the password went once the user exists. */
  passwordDelivery?: PasswordDelivery;
}

/** Builds the user-assignment request card; after a run each user shows its own result. */
export function buildUserAssignmentCard(view: UserAssignmentView): AdaptiveCardJson {
  return buildWithinBudget((detail) => expandTemplate('change-request', bindUserView(view, detail)));
}

function bindUserView(view: UserAssignmentView, detail: RequestDetail): object {
  const userStepIds = new Set(view.users.flatMap((user) => (user.stepId ? [user.stepId] : [])));
  const { shown, moreLine } = capList(view.users, MAX_USERS_PER_REQUEST);

  const progress = bindProgress(view, detail, userStepIds);

  return {
    ...progress,
    failureLines: describeFailures(view, progress.failureLines, userStepIds),
    title: `${describeTitle(view)} · ${safeText(view.requestId, 40)}`,
    summaryLines: moreLine ? [describeAction(view), moreLine] : [describeAction(view)],
    userRows: shown.map((user) => bindUser(view, user)),
    passwordLine: view.kind === 'create-test-user' ? describePasswordDelivery(view.passwordDelivery, view.requester) : '',
    showChoices: false,
    relayState: '',
    relayStateChoices: [],
    createTestUserValue: 'false',
    canSubmit: true,
  };
}

function describeTitle(view: UserAssignmentView): string {
  const app = safeText(view.appName);
  switch (view.kind) {
    case 'assign-user':
      return `Assign users to ${app}`;
    case 'unassign-user':
      return `Remove users from ${app}`;
    case 'create-test-user':
      return `Create a test user for ${app}`;
  }
}

function describeAction(view: UserAssignmentView): string {
  const count = view.users.length === 1 ? '1 user' : `${view.users.length} users`;
  const role = safeText(view.roleName);
  switch (view.kind) {
    case 'assign-user':
      return `${count} will get the role ${role} in ${safeText(view.appName)}:`;
    case 'unassign-user':
      return `${count} will lose the role ${role} in ${safeText(view.appName)}:`;
    case 'create-test-user':
      return `A new user will be created with a strong random password, must change it at first sign-in, and gets the role ${role}:`;
  }
}

function bindUser(view: UserAssignmentView, user: UserView): object {
  const details = [safeText(user.userPrincipalName, MAX_UPN_CHARS)];
  if (user.jobTitle) {
    details.push(safeText(user.jobTitle, MAX_JOB_TITLE_CHARS));
  }
  const result = describeResult(view, user);

  return {
    nameLine: safeText(user.displayName, MAX_NAME_CHARS),
    detailLine: details.join(' · '),
    resultLine: result.line,
    resultColor: result.color,
  };
}

function describeResult(view: UserAssignmentView, user: UserView): { line: string; color: string } {
  if (!hasRun(view) || !user.stepId) {
    return { line: '', color: 'Default' };
  }

  const status = describeStepStatus(user.stepId, view.run, view.retry);
  const record = view.run?.steps.find((candidate) => candidate.stepId === user.stepId);
  if (record?.status === 'failed' && record.failure) {
    const failure = record.failure;
    const code = failure.graphCode ? ` Graph error ${safeText(failure.graphCode)}` : '';
    const requestId = failure.graphRequestId ? `, request id ${safeText(failure.graphRequestId, 40)}` : '';
    return { line: `${status}: ${safeText(failure.message, MAX_RESULT_CHARS)}${code}${requestId}`, color: 'Attention' };
  }
  return { line: status, color: record?.status === 'succeeded' ? 'Good' : 'Default' };
}

// Each user's failure is on the user's own row, so the failure lines below
// the list name only the steps that belong to no user, plus a count.
function describeFailures(view: UserAssignmentView, lines: string[], userStepIds: ReadonlySet<string>): string[] {
  if (view.state !== 'failed') {
    return lines;
  }
  const failedUserSteps = (view.run?.steps ?? []).filter((record) => record.status === 'failed' && userStepIds.has(record.stepId));
  const otherLines = lines.filter((line) => ![...userStepIds].some((stepId) => line.includes(stepTitle(view, stepId))));
  const countLine = `${failedUserSteps.length} of ${view.users.length} users failed; the other results stand. Retry repeats only what did not succeed.`;
  return failedUserSteps.length > 0 ? [...otherLines.slice(0, 1), countLine] : lines;
}

function stepTitle(view: UserAssignmentView, stepId: string): string {
  return safeText(view.steps.find((step) => step.id === stepId)?.title ?? stepId);
}
