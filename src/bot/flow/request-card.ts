import { CardFactory, type Attachment } from 'botbuilder';
import {
  buildSetupRequestCard,
  type AdaptiveCardJson,
  type RequestProgressView,
  type SetupRequestView,
  type StepRetry,
} from '../../cards/index.js';
import type { ApprovalRules } from '../../requests/index.js';
import type { Actor, ChangeRequest } from '../../requests/types.js';
import { getProfile, goToMeetingProfile, type AppProfile } from '../../sso/index.js';

/** The card's content that the stored request does not contain. */
export interface RequestCardExtras {
  approvers: Actor[];
  rules: ApprovalRules;
  /** A one-line message, for example why a click was rejected. */
  notice?: string;
  /** A Graph retry in progress, which the store does not keep. */
  retry?: StepRetry;
}

/** The set-up choices a request stores in `parameters`. */
export interface SetupParameters {
  relayState: string;
  createTestUser: boolean;
  /** True when the app already existed when the request was planned. */
  existingInstance: boolean;
}

export function profileOf(request: Pick<ChangeRequest, 'appProfileId'>): AppProfile {
  return getProfile(request.appProfileId) ?? goToMeetingProfile;
}

export function setupParameters(request: Pick<ChangeRequest, 'parameters'>): SetupParameters {
  const parameters = request.parameters;
  return {
    relayState: typeof parameters.relayState === 'string' ? parameters.relayState : '',
    createTestUser: parameters.createTestUser === true,
    existingInstance: parameters.existingInstance === true,
  };
}

/** Builds the request card for the request's current state. */
export function buildRequestCard(request: ChangeRequest, extras: RequestCardExtras): AdaptiveCardJson {
  return buildSetupRequestCard(requestView(request, extras));
}

export function requestCardAttachment(request: ChangeRequest, extras: RequestCardExtras): Attachment {
  return CardFactory.adaptiveCard(buildRequestCard(request, extras));
}

/** Maps a stored set-up, repair or rotation request onto the request card's view. */
export function requestView(request: ChangeRequest, extras: RequestCardExtras): SetupRequestView {
  const profile = profileOf(request);
  const parameters = setupParameters(request);
  const shownNotice = notice(request, extras);
  const kind = request.kind === 'repair' || request.kind === 'rotate-certificate' ? request.kind : 'setup-sso';

  return {
    kind,
    appName: profile.displayName,
    ...requestProgressView(request, extras, shownNotice),
    plan: { summary: request.plan.summary, noChanges: request.plan.noChanges },
    existingInstance: parameters.existingInstance,
    relayStateChoices: profile.relayStates.map((choice) => ({ title: choice.label, value: choice.url })),
    relayState: parameters.relayState,
    createTestUser: parameters.createTestUser,
    ...existingTestUserOf(request),
    ...(request.result?.passwordDelivery ? { passwordDelivery: request.result.passwordDelivery } : {}),
  };
}

/** Maps the state, plan steps, approvals and run of any stored request onto the part of the view that every request card shows. */
export function requestProgressView(request: ChangeRequest, extras: RequestCardExtras, notice: string | undefined): RequestProgressView {
  return {
    requestId: request.id,
    state: request.state,
    planHash: request.plan.hash,
    steps: request.plan.steps,
    requester: request.requester,
    requestedAt: request.createdAt,
    approvers: extras.approvers,
    approvalsRequired: extras.rules.approvalsRequired,
    approvals: request.approvals,
    expiresAt: request.expiresAt,
    approvalRound: request.approvalRound ?? 1,
    ...(request.run ? { run: request.run } : {}),
    ...(extras.retry ? { retry: extras.retry } : {}),
    ...(request.rejection ? { rejection: request.rejection } : {}),
    ...(request.cancellation ? { cancellation: request.cancellation } : {}),
    ...(notice ? { notice } : {}),
    ...(request.pendingAction ? { pendingAction: request.pendingAction } : {}),
    ...(request.actionRequestedBy ? { actionRequestedBy: request.actionRequestedBy } : {}),
  };
}

function existingTestUserOf(request: ChangeRequest): { existingTestUser?: { hasAccess: boolean } } {
  const existing = request.plan.choices.existingTestUser as { hasAccess?: unknown } | undefined;
  return existing === undefined ? {} : { existingTestUser: { hasAccess: existing.hasAccess === true } };
}

/** Returns the click's notice, else the reason a failed run stopped outside its steps when that stop was the last change. */
function notice(request: ChangeRequest, extras: RequestCardExtras): string | undefined {
  if (extras.notice) return extras.notice;
  const stoppedLast = request.runError && request.runError.at === request.history.at(-1)?.at;
  return request.state === 'failed' && stoppedLast ? request.runError?.message : undefined;
}
