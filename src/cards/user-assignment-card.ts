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
  /** For `create-test-user`: true when a user already has the name, so that user is assigned and no user is created. */
  existingUser?: boolean;
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
    choiceFacts: [],
    createTestUserValue: 'false',
    showTestUserToggle: false,
    testUserToggleTitle: '',
    testUserLine: '',
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
  const role = safeText(view.roleName);
  const app = safeText(view.appName);
  switch (view.state) {
    case 'succeeded':
      return describeDone(view, role, app);
    case 'failed':
      return describeFailed(view, role, app);
    case 'cancelled':
    case 'rejected':
    case 'expired':
    case 'rolled-back':
      return describeRequested(view, role, app);
    default:
      return describePlanned(view, role, app);
  }
}

function countUsers(count: number): string {
  return count === 1 ? '1 user' : `${count} users`;
}

function describePlanned(view: UserAssignmentView, role: string, app: string): string {
  const count = countUsers(view.users.length);
  switch (view.kind) {
    case 'assign-user':
      return `${count} will get the role ${role} in ${app}:`;
    case 'unassign-user':
      return `${count} will lose the role ${role} in ${app}:`;
    case 'create-test-user':
      if (view.existingUser) return `No user is created, because this user already exists. The existing user gets the role ${role} in ${app}:`;
      return `A new user will be created with a strong random password, must change it at first sign-in, and gets the role ${role}:`;
  }
}

function describeDone(view: UserAssignmentView, role: string, app: string): string {
  const count = countUsers(view.users.length);
  switch (view.kind) {
    case 'assign-user':
      return `${count} got the role ${role} in ${app}:`;
    case 'unassign-user':
      return `${count} lost the role ${role} in ${app}:`;
    case 'create-test-user':
      if (view.existingUser) return `No user was created, because this user already existed. The existing user got the role ${role} in ${app}:`;
      return `A new user was created with a strong random password, must change it at first sign-in, and got the role ${role}:`;
  }
}

// A failed run can leave some users done, so the line counts both outcomes.
function describeFailed(view: UserAssignmentView, role: string, app: string): string {
  if (view.kind === 'create-test-user') {
    return `Creating the test user with the role ${role} in ${app} did not finish:`;
  }
  const done = view.users.filter((user) => view.run?.steps.some((record) => record.stepId === user.stepId && record.status === 'succeeded')).length;
  const notDone = view.users.length - done;
  const [doneVerb, notDoneVerb] = view.kind === 'assign-user' ? ['got', 'did not get'] : ['lost', 'did not lose'];
  if (done === 0) {
    return `${countUsers(notDone)} ${notDoneVerb} the role ${role} in ${app}:`;
  }
  return `${countUsers(done)} ${doneVerb} the role ${role} in ${app}; ${notDone} ${notDoneVerb} it:`;
}

// Cancelled, rejected, expired and rolled-back requests changed nothing (or undid it), so the line shows only what was requested.
function describeRequested(view: UserAssignmentView, role: string, app: string): string {
  const count = countUsers(view.users.length);
  switch (view.kind) {
    case 'assign-user':
      return `Requested: the role ${role} in ${app} for ${count}:`;
    case 'unassign-user':
      return `Requested: removing the role ${role} in ${app} from ${count}:`;
    case 'create-test-user':
      return `Requested: a new test user with the role ${role} in ${app}:`;
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
