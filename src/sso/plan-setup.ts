import type { KeyCredential, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { hashPlan } from './plan-hash.js';
import {
  activateCertificateStep,
  addCertificateStep,
  assignUserStep,
  configureApplicationStep,
  configureServicePrincipalStep,
  createTestUserStep,
  instantiateStep,
  placeholders,
} from './plan-steps.js';
import type { AppProfile } from './profiles/index.js';
import { describeRepairChanges } from './repair-changes.js';
import { SetupError } from './setup-error.js';
import type { TenantState } from './tenant-state.js';
import type { Plan, PlanStep } from './types.js';

export interface SetupChoices {
  /** One of the profile's RelayState URLs. */
  relayState: string;
  createTestUser: boolean;
  /** The test user's name before the `@`; defaults to `B.Simon`. */
  testUserName?: string;
}

export const defaultTestUserName = 'B.Simon';

// Characters Entra accepts before the `@` of a UPN.
const userNamePattern = /^[A-Za-z0-9'._!#^~-]{1,64}$/;

function validateChoices(profile: AppProfile, choices: SetupChoices): void {
  const allowed = profile.relayStates.map((choice) => choice.url);
  if (allowed.length > 0 && !allowed.includes(choices.relayState)) {
    throw new SetupError('invalid_choice', `RelayState ${choices.relayState} is not one of ${profile.displayName}'s choices: ${allowed.join(', ')}.`);
  }
  const name = choices.testUserName ?? defaultTestUserName;
  if (choices.createTestUser && (!userNamePattern.test(name) || name.startsWith('.') || name.endsWith('.'))) {
    throw new SetupError('invalid_choice', `Test user name "${name}" is invalid: use letters, digits and ' . - _ ! # ^ ~ only, without a leading or trailing dot.`);
  }
}

export function testUserPrincipalName(choices: SetupChoices, defaultDomain: string): string {
  return `${choices.testUserName ?? defaultTestUserName}@${defaultDomain}`;
}

/** Uppercase hex of a key credential's `customKeyIdentifier`, which Graph sets to the thumbprint bytes. */
function thumbprintOf(key: KeyCredential): string | undefined {
  return key.customKeyIdentifier ? Buffer.from(key.customKeyIdentifier, 'base64').toString('hex').toUpperCase() : undefined;
}

function validSigningThumbprints(servicePrincipal: ServicePrincipal, readAt: string): string[] {
  const now = Date.parse(readAt);
  return (servicePrincipal.keyCredentials ?? [])
    .filter((key) => key.usage === 'Verify' && key.endDateTime && Date.parse(key.endDateTime) > now)
    .flatMap((key) => thumbprintOf(key) ?? []);
}

function servicePrincipalRepairs(profile: AppProfile, choices: SetupChoices, servicePrincipal: ServicePrincipal | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (servicePrincipal?.preferredSingleSignOnMode !== 'saml') body.preferredSingleSignOnMode = 'saml';
  if ((servicePrincipal?.samlSingleSignOnSettings?.relayState ?? null) !== choices.relayState) {
    body.samlSingleSignOnSettings = { relayState: choices.relayState };
  }
  if (servicePrincipal !== undefined && (servicePrincipal.loginUrl ?? null) !== profile.signOnUrl) body.loginUrl = profile.signOnUrl;
  if (servicePrincipal === undefined && profile.signOnUrl !== null) body.loginUrl = profile.signOnUrl;
  return body;
}

/** Names what a repair of an existing SAML service principal changes: the RelayState, the sign-on URL or both. */
function describeRepair(body: Record<string, unknown>): string {
  const relayState = 'samlSingleSignOnSettings' in body;
  const signOnUrl = 'loginUrl' in body;
  if (relayState && signOnUrl) return 'Correct the RelayState and sign-on URL';
  return relayState ? 'Correct the RelayState' : 'Correct the sign-on URL';
}

function applicationRepairs(profile: AppProfile, tenant: TenantState): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const application = tenant.application;
  if (!application?.identifierUris?.includes(profile.identifierUri)) body.identifierUris = [profile.identifierUri];
  const redirectUris = application?.web?.redirectUris ?? [];
  if (redirectUris.length !== 1 || redirectUris[0] !== profile.replyUrl) body.web = { redirectUris: [profile.replyUrl] };
  return body;
}

function certificateSteps(profile: AppProfile, tenant: TenantState, servicePrincipalId: string, dependsOn: string[]): PlanStep[] {
  const servicePrincipal = tenant.servicePrincipal;
  const valid = servicePrincipal ? validSigningThumbprints(servicePrincipal, tenant.readAt) : [];
  const active = servicePrincipal?.preferredTokenSigningKeyThumbprint?.toUpperCase();
  if (active !== undefined && valid.includes(active)) return [];

  const { subject, lifetimeYears } = profile.certificate;
  const add = addCertificateStep(servicePrincipalId, subject, lifetimeYears, dependsOn);
  return [add, activateCertificateStep(servicePrincipalId, placeholders.certificateThumbprint, [add.id])];
}

function testUserSteps(profile: AppProfile, choices: SetupChoices, tenant: TenantState, servicePrincipalId: string, instantiated: boolean): PlanStep[] {
  if (!choices.createTestUser) return [];
  const userPrincipalName = testUserPrincipalName(choices, tenant.defaultDomain);
  const name = choices.testUserName ?? defaultTestUserName;
  const steps: PlanStep[] = [];

  const existing = tenant.testUser;
  if (existing === undefined) steps.push(createTestUserStep({ userPrincipalName, displayName: name, mailNickname: name.replace(/[^A-Za-z0-9._-]/g, '') || 'testuser' }));
  const principalId = existing?.id ?? placeholders.testUserId;
  if (tenant.assignments.some((assignment) => assignment.principalId === principalId)) return steps;

  const role = tenant.servicePrincipal?.appRoles?.find((candidate) => candidate.displayName === profile.userRoleName);
  const dependsOn = [...(instantiated ? ['instantiate'] : []), ...steps.map((step) => step.id)];
  steps.push(assignUserStep({
    servicePrincipalId,
    principalId,
    principalLabel: userPrincipalName,
    appRoleId: role?.id ?? placeholders.userRoleId,
    roleName: profile.userRoleName,
    freshPrincipal: existing === undefined,
    dependsOn,
  }));
  return steps;
}

/** Returns whether the test user exists and already has any role in the app, when the tenant read included it. */
function describeExistingTestUser(tenant: TenantState): { hasAccess: boolean } | undefined {
  const id = tenant.testUser?.id;
  if (id === undefined || id === null) return undefined;
  return { hasAccess: tenant.assignments.some((assignment) => assignment.principalId === id) };
}

/** Lists the step titles, with the repaired properties' "current → new" lines after the last repair step. */
function summarize(steps: PlanStep[], repairChanges: string[]): string[] {
  const titles = steps.map((step) => step.title);
  const lastRepair = Math.max(steps.findIndex((step) => step.id === 'set-saml-mode'), steps.findIndex((step) => step.id === 'set-identifier'));
  if (lastRepair < 0 || repairChanges.length === 0) return titles;
  return [...titles.slice(0, lastRepair + 1), ...repairChanges, ...titles.slice(lastRepair + 1)];
}

/**
 * Builds the set-up plan for `profile` from the tenant as read. Pure: the
 * same inputs give the same plan and hash. An existing instance is reused and
 * only repaired; a tenant that already matches gives a plan without steps.
 */
export function planSetup(profile: AppProfile, choices: SetupChoices, tenant: TenantState): Plan {
  validateChoices(profile, choices);
  const instantiated = tenant.application === undefined;
  if (!instantiated && tenant.servicePrincipal === undefined) {
    throw new SetupError('incomplete_tenant', `The application with identifier ${profile.identifierUri} has no service principal; add it in the Entra admin center or delete the application.`);
  }
  const servicePrincipalId = tenant.servicePrincipal?.id ?? placeholders.servicePrincipalId;
  const applicationId = tenant.application?.id ?? placeholders.applicationId;
  const steps: PlanStep[] = [];
  if (instantiated) steps.push(instantiateStep(tenant.template.id, profile.instanceDisplayName, profile.identifierUri, profile.userRoleName));
  const afterInstantiate = instantiated ? ['instantiate'] : [];

  const spBody = servicePrincipalRepairs(profile, choices, tenant.servicePrincipal);
  const spTitle = instantiated || 'preferredSingleSignOnMode' in spBody ? 'Turn on SAML single sign-on and set the RelayState' : describeRepair(spBody);
  if (Object.keys(spBody).length > 0) steps.push(configureServicePrincipalStep(servicePrincipalId, spBody, afterInstantiate, spTitle));
  const afterSaml = Object.keys(spBody).length > 0 ? ['set-saml-mode'] : afterInstantiate;

  const appBody = applicationRepairs(profile, tenant);
  if (Object.keys(appBody).length > 0) steps.push(configureApplicationStep(applicationId, appBody, afterSaml, 'preferredSingleSignOnMode' in spBody));
  steps.push(...certificateSteps(profile, tenant, servicePrincipalId, afterSaml));
  steps.push(...testUserSteps(profile, choices, tenant, servicePrincipalId, instantiated));

  const existingTestUser = describeExistingTestUser(tenant);
  // A new instance has no current values, so only a repair lists "current → new".
  const repairChanges = instantiated ? [] : describeRepairChanges(tenant.servicePrincipal, tenant.application, spBody, appBody);
  const plan = {
    kind: 'setup-sso' as const,
    appProfileId: profile.id,
    choices: {
      ...choices,
      testUserName: choices.createTestUser ? choices.testUserName ?? defaultTestUserName : choices.testUserName,
      ...(existingTestUser ? { existingTestUser } : {}),
    },
    summary: steps.length === 0 ? [`${profile.displayName} single sign-on already matches; nothing to change.`] : summarize(steps, repairChanges),
    steps,
    noChanges: steps.length === 0,
  };
  return { ...plan, hash: hashPlan(plan) };
}
