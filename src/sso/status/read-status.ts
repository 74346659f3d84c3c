import type { AppRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { DirectoryGateway } from '../../directory/index.js';
import type { AppProfile } from '../profiles/index.js';
import { readTenantState, type TenantState } from '../tenant-state.js';
import type { Plan } from '../types.js';
import { activeCertificate, type ActiveCertificate } from './active-certificate.js';
import { findDrift, type DriftItem } from './drift.js';
import { planRepair } from './plan-repair.js';

/** How many assigned names the report lists. */
export const STATUS_NAMES_LISTED = 5;

/** The app's single sign-on state as read from the tenant. */
export interface StatusReport {
  appProfileId: string;
  appName: string;
  checkedAt: string;
  /** False when the tenant has no instance of the app; every other field is then empty. */
  configured: boolean;
  servicePrincipalId?: string;
  /** `preferredSingleSignOnMode`, or '' when unset. */
  mode: string;
  identifier: string;
  replyUrl: string;
  relayState: string;
  signOnUrl: string;
  certificate?: ActiveCertificate;
  assignedUserCount: number;
  assignedGroupCount: number;
  /** The first few assigned principals' display names, in the order Graph lists them. */
  assignedNames: string[];
  drift: DriftItem[];
  /** The plan that brings the app back to the profile (kind `repair`); absent without drift. */
  repairPlan?: Plan;
}

export interface ReadStatusOptions {
  now?: () => Date;
}

function countAssignments(assignments: AppRoleAssignment[]): Pick<StatusReport, 'assignedUserCount' | 'assignedGroupCount' | 'assignedNames'> {
  return {
    assignedUserCount: assignments.filter((assignment) => assignment.principalType === 'User').length,
    assignedGroupCount: assignments.filter((assignment) => assignment.principalType === 'Group').length,
    assignedNames: assignments.slice(0, STATUS_NAMES_LISTED).map((assignment) => assignment.principalDisplayName ?? assignment.principalId ?? 'unknown'),
  };
}

function notConfigured(profile: AppProfile, tenant: TenantState): StatusReport {
  return {
    appProfileId: profile.id,
    appName: profile.displayName,
    checkedAt: tenant.readAt,
    configured: false,
    mode: '',
    identifier: '',
    replyUrl: '',
    relayState: '',
    signOnUrl: '',
    assignedUserCount: 0,
    assignedGroupCount: 0,
    assignedNames: [],
    drift: [],
  };
}

/**
 * Reads the app's single sign-on settings, its active signing certificate
 * and its assignments, compares them with the profile and, when anything
 * differs, builds the repair plan.
 */
export async function readStatus(gateway: DirectoryGateway, profile: AppProfile, options: ReadStatusOptions = {}): Promise<StatusReport> {
  const now = options.now ?? (() => new Date());
  const tenant = await readTenantState(gateway, profile, { now });
  const { application, servicePrincipal } = tenant;
  if (application === undefined || !servicePrincipal?.id) return notConfigured(profile, tenant);

  const certificate = activeCertificate(servicePrincipal, new Date(tenant.readAt));
  const drift = findDrift(profile, application, servicePrincipal, certificate);
  const repairPlan = drift.length > 0 ? planRepair(profile, tenant) : undefined;

  return {
    appProfileId: profile.id,
    appName: profile.displayName,
    checkedAt: tenant.readAt,
    configured: true,
    servicePrincipalId: servicePrincipal.id,
    mode: servicePrincipal.preferredSingleSignOnMode ?? '',
    identifier: (application.identifierUris ?? []).join(', '),
    replyUrl: (application.web?.redirectUris ?? []).join(', '),
    relayState: servicePrincipal.samlSingleSignOnSettings?.relayState ?? '',
    signOnUrl: servicePrincipal.loginUrl ?? '',
    ...(certificate ? { certificate } : {}),
    ...countAssignments(tenant.assignments),
    drift,
    ...(repairPlan && !repairPlan.noChanges ? { repairPlan } : {}),
  };
}
