import type { Actor, RequestState } from '../../src/requests/types.js';
import type { PlanStep, RunState, StepRecord } from '../../src/sso/types.js';
import type { SetupRequestView } from '../../src/cards/setup-request-card.js';
import type { UserAssignmentView, UserView } from '../../src/cards/user-assignment-card.js';
import type { CertificateView } from '../../src/cards/certificate-card.js';
import type { ChecklistView } from '../../src/cards/checklist-card.js';
import type { StatusView } from '../../src/cards/status-card.js';

export const requester: Actor = { aadObjectId: '6f1c0d2e-0000-4000-8000-000000000001', name: 'Megan Bowen' };
export const approver: Actor = { aadObjectId: '6f1c0d2e-0000-4000-8000-000000000002', name: 'Adele Vance' };
export const PLAN_HASH = 'a3f1c9e07d6b54c2a3f1c9e07d6b54c2a3f1c9e07d6b54c2a3f1c9e07d6b54c2';

/** Builds a realistic step: instantiate, patch, or one user assignment. */
export function step(id: string, title: string, bodyChars = 120): Pick<PlanStep, 'id' | 'title' | 'requests'> {
  return {
    id,
    title,
    requests: [
      {
        method: 'PATCH',
        path: `/servicePrincipals/{servicePrincipalId}/${id}`,
        body: { preferredSingleSignOnMode: 'saml', notes: 'x'.repeat(bodyChars) },
      },
    ],
  };
}

export const setupSteps = [
  step('instantiate', 'Add GoToMeeting from the gallery'),
  step('set-saml-mode', 'Turn on SAML single sign-on'),
  step('set-identifier', 'Set the identifier and reply URL'),
  step('set-relay-state', 'Set the RelayState'),
  step('add-certificate', 'Create the SAML signing certificate'),
  step('activate-certificate', 'Activate the signing certificate'),
];

/** Builds a run where the steps before index `current` succeeded and the one at `current` has `status`. */
export function runState(steps: ReadonlyArray<{ id: string }>, current: number, status: StepRecord['status']): RunState {
  return {
    steps: steps.map((candidate, index) => ({
      stepId: candidate.id,
      status: stepStatus(index, current, status),
      attempts: index <= current ? 1 : 0,
      graphRequestIds: [],
      failure:
        index === current && status === 'failed'
          ? {
              code: 'conflict',
              message: 'Another object with the same value for property identifierUris already exists.',
              graphCode: 'Request_BadRequest',
              graphRequestId: '2c7b1e4a-9d3f-4f0e-8a61-3b5c0f2d9e17',
              httpStatus: 400,
            }
          : undefined,
    })),
    outputs: {},
    created: [],
  };
}

function stepStatus(index: number, current: number, status: StepRecord['status']): StepRecord['status'] {
  if (index < current) {
    return 'succeeded';
  }
  return index === current ? status : 'pending';
}

/** Builds a set-up request view in `state`, with the details that state carries. */
export function setupView(state: RequestState, overrides: Partial<SetupRequestView> = {}): SetupRequestView {
  const base: SetupRequestView = {
    kind: 'setup-sso',
    requestId: 'CR-7F3K',
    state,
    planHash: PLAN_HASH,
    appName: 'GoToMeeting',
    steps: setupSteps,
    plan: {
      summary: ['Add GoToMeeting from the Entra gallery', 'Turn on SAML single sign-on', 'Create a signing certificate valid for 3 years'],
      noChanges: false,
    },
    existingInstance: false,
    relayStateChoices: [
      { title: 'GoToMeeting', value: 'https://global.gotomeeting.com' },
      { title: 'GoToWebinar', value: 'https://global.gotowebinar.com' },
      { title: 'GoToTraining', value: 'https://global.gototraining.com' },
    ],
    relayState: 'https://global.gotomeeting.com',
    createTestUser: true,
    requester,
    requestedAt: '2026-12-04T21:03:27.512Z',
    approvers: [approver, { aadObjectId: 'x3', name: 'Lee Gu' }],
    approvalsRequired: 1,
    approvals: [],
    expiresAt: '2026-12-05T21:03:27.512Z',
  };
  return { ...base, ...stateDetails(state, base.steps), ...overrides };
}

function stateDetails(state: RequestState, steps: ReadonlyArray<{ id: string }>): Partial<SetupRequestView> {
  const approvals = [{ approver, planHash: PLAN_HASH, at: '2026-12-04T21:10:00Z' }];
  switch (state) {
    case 'approved':
      return { approvals };
    case 'running':
      return { approvals, run: runState(steps, 2, 'running'), retry: { stepId: steps[2]!.id, attempt: 2, reason: 'throttled, Retry-After 3 s' } };
    case 'succeeded':
      return { approvals, run: runState(steps, steps.length, 'succeeded') };
    case 'failed':
      return { approvals, run: runState(steps, 2, 'failed') };
    case 'rolled-back':
      return { approvals, run: runState(steps, 2, 'failed') };
    case 'rejected':
      return { rejection: { by: approver, at: '2026-12-04T21:12:00Z', comment: 'Wait for the *vendor* contract.' } };
    case 'cancelled':
      return { cancellation: { by: requester, at: '2026-12-04T21:05:00Z' } };
    default:
      return {};
  }
}

export const users: UserView[] = [
  { displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.onmicrosoft.com', stepId: 'assign-0' },
  { displayName: "Patrick O'Brien", userPrincipalName: "patrick.o'brien@contoso.com", jobTitle: 'Sales *Lead*', stepId: 'assign-1' },
  { displayName: 'Zoë Müller', userPrincipalName: 'zoe_mueller_fabrikam.com#EXT#@contoso.onmicrosoft.com', stepId: 'assign-2' },
];

/** Builds a user-assignment view in `state`. After a failed run the second user failed and the others succeeded. */
export function userView(state: RequestState, overrides: Partial<UserAssignmentView> = {}): UserAssignmentView {
  const steps = (overrides.users ?? users).map((user, index) => step(user.stepId ?? `assign-${index}`, `Assign ${user.displayName}`, 60));
  const run: RunState | undefined = ['running', 'succeeded', 'failed'].includes(state) ? runState(steps, steps.length, 'succeeded') : undefined;
  if (run && state === 'failed') {
    run.steps[1] = runState(steps, 1, 'failed').steps[1]!;
  }
  const setup = setupView(state);

  return {
    kind: 'assign-user',
    requestId: 'CR-9QWD',
    state,
    planHash: PLAN_HASH,
    appName: 'GoToMeeting',
    roleName: 'User',
    users,
    steps,
    requester,
    requestedAt: setup.requestedAt,
    approvers: setup.approvers,
    approvalsRequired: 2,
    approvals: setup.approvals,
    rejection: setup.rejection,
    cancellation: setup.cancellation,
    expiresAt: setup.expiresAt,
    run,
    ...overrides,
  };
}

export const ALL_STATES: RequestState[] = [
  'draft', 'pending-approval', 'approved', 'running', 'succeeded', 'failed', 'rejected', 'cancelled', 'expired', 'rolled-back',
];

/** Builds a display name of `length` characters that contains Markdown characters. */
export function longName(index: number, length = 120): string {
  return `[User ${index}](http://x) *`.padEnd(length, 'é');
}

const PEM_BODY = 'MIIC8DCCAdigAwIBAgIQ'.padEnd(64, 'A');
export const certificateView: CertificateView = {
  appName: 'GoToMeeting',
  certificate: {
    pem: ['-----BEGIN CERTIFICATE-----', ...Array<string>(16).fill(PEM_BODY), 'MIIC+w==', '-----END CERTIFICATE-----'].join('\n'),
    subject: 'CN=Microsoft Azure Federated SSO Certificate',
    thumbprint: '3F2A8C1D9B7E6A5F4C3B2A1D0E9F8A7B6C5D4E3F',
    notBefore: '2026-12-04T21:20:00Z',
    notAfter: '2029-12-04T21:20:00Z',
  },
  downloadUrl: 'https://bot.contoso.com/certificates/CR-7F3K.cer?expires=1796000000&sig=Zm9vYmFy',
  downloadExpiresAt: '2026-12-05T21:20:00Z',
};

export const checklistView: ChecklistView = {
  requestId: 'CR-7F3K',
  appName: 'GoToMeeting',
  items: [
    { id: 'vendor-metadata', title: 'Upload the App Federation Metadata URL in the GoTo Organization Center', done: { by: approver, at: '2026-12-04T21:40:00Z' } },
    { id: 'vendor-enable', title: 'Turn on SAML SSO for your GoTo account', detail: 'Contact GoTo support if the option is missing.' },
    { id: 'test', title: 'Sign in as B.Simon', link: 'https://launcher.myapps.microsoft.com/api/signin/0b1f?tenantId=72f9' },
  ],
};

export const statusView: StatusView = {
  appName: 'GoToMeeting',
  appProfileId: 'gotomeeting',
  checkedAt: '2026-12-04T21:50:00Z',
  mode: 'saml',
  identifier: 'https://authentication.logmeininc.com/saml/sp',
  replyUrl: 'https://authentication.logmeininc.com/saml/acs',
  relayState: '',
  certificate: { thumbprint: '3F2A8C1D9B7E6A5F4C3B2A1D0E9F8A7B6C5D4E3F', notAfter: '2027-01-03T21:50:00Z' },
  now: '2026-12-04T21:50:00Z',
  assignedUserCount: 7,
  assignedGroupCount: 1,
  assignedNames: ['B.Simon', 'Sales_Team', 'Adele Vance', 'Lee Gu', 'Megan Bowen', 'Alex Wilber'],
  drift: ['RelayState is empty; the profile expects https://global.gotomeeting.com'],
};

