// Builders for single plan steps. Each returns the exact Graph requests that
// the runner sends for the step. A `{name}` placeholder stands for an id that
// an earlier step of the same run returns (see `placeholders`).

import { pathSegment } from '../directory/index.js';
import type { PlanStep } from './types.js';

export const placeholders = {
  applicationId: '{applicationId}',
  appId: '{appId}',
  servicePrincipalId: '{servicePrincipalId}',
  certificateThumbprint: '{certificateThumbprint}',
  testUserId: '{testUserId}',
  userRoleId: '{userRoleId}',
  /** The test user's password is generated when the step runs and is never stored. */
  generatedPassword: '{generated password}',
} as const;

const placeholderValues: ReadonlySet<string> = new Set(Object.values(placeholders));

/**
 * Encodes an id from a Graph response as one path segment of a planned
 * request, as the directory gateway does for the request it sends. A
 * placeholder stays as written, so the card shows `{servicePrincipalId}`.
 */
export function plannedPathSegment(value: string): string {
  return placeholderValues.has(value) ? value : pathSegment(value);
}

export function instantiateStep(templateId: string, displayName: string, identifierUri: string, userRoleName: string): PlanStep {
  return {
    id: 'instantiate',
    kind: 'instantiate',
    title: `Add ${displayName} from the Microsoft Entra app gallery`,
    dependsOn: [],
    requests: [{ method: 'POST', path: `/applicationTemplates/${plannedPathSegment(templateId)}/instantiate`, body: { displayName } }],
    params: { templateId, displayName, identifierUri, userRoleName },
  };
}

export function configureServicePrincipalStep(servicePrincipalId: string, body: Record<string, unknown>, dependsOn: string[], title: string): PlanStep {
  return {
    id: 'set-saml-mode',
    kind: 'configure-service-principal',
    title,
    dependsOn,
    requests: [{ method: 'PATCH', path: `/servicePrincipals/${plannedPathSegment(servicePrincipalId)}`, body }],
    params: { servicePrincipalId, body },
  };
}

export function configureApplicationStep(applicationId: string, body: Record<string, unknown>, dependsOn: string[], afterSamlSwitch: boolean): PlanStep {
  return {
    id: 'set-identifier',
    kind: 'configure-application',
    title: 'Set the Identifier (Entity ID) and Reply URL',
    dependsOn,
    requests: [{ method: 'PATCH', path: `/applications/${plannedPathSegment(applicationId)}`, body }],
    params: { applicationId, body, afterSamlSwitch },
  };
}

export function addCertificateStep(servicePrincipalId: string, subject: string, lifetimeYears: number, dependsOn: string[]): PlanStep {
  // Graph's default validity is 3 years, which is also the maximum. So the
  // body names an end date only for shorter lifetimes, computed at run time.
  const body: Record<string, unknown> = { displayName: subject };
  if (lifetimeYears < 3) body.endDateTime = `{start + ${lifetimeYears} years}`;
  return {
    id: 'add-certificate',
    kind: 'add-signing-certificate',
    title: 'Create the SAML signing certificate',
    dependsOn,
    requests: [{ method: 'POST', path: `/servicePrincipals/${plannedPathSegment(servicePrincipalId)}/addTokenSigningCertificate`, body }],
    params: { servicePrincipalId, subject, lifetimeYears },
  };
}

export function activateCertificateStep(servicePrincipalId: string, thumbprint: string, dependsOn: string[]): PlanStep {
  return {
    id: 'activate-certificate',
    kind: 'activate-signing-certificate',
    title: 'Make the signing certificate active',
    dependsOn,
    requests: [{ method: 'PATCH', path: `/servicePrincipals/${plannedPathSegment(servicePrincipalId)}`, body: { preferredTokenSigningKeyThumbprint: thumbprint } }],
    params: { servicePrincipalId, thumbprint },
  };
}

export interface TestUserInput {
  userPrincipalName: string;
  displayName: string;
  mailNickname: string;
}

/** Creates a user with a generated password that must be changed at first sign-in. */
export function createTestUserStep(user: TestUserInput, dependsOn: string[] = []): PlanStep {
  return {
    id: 'create-test-user',
    kind: 'create-test-user',
    title: `Create the test user ${user.userPrincipalName}`,
    dependsOn,
    requests: [
      {
        method: 'POST',
        path: '/users',
        body: {
          accountEnabled: true,
          displayName: user.displayName,
          mailNickname: user.mailNickname,
          userPrincipalName: user.userPrincipalName,
          passwordProfile: { forceChangePasswordNextSignIn: true, password: placeholders.generatedPassword },
        },
      },
    ],
    params: { ...user },
  };
}

export interface AssignUserInput {
  /** Defaults to `assign-user`; give distinct ids when a plan assigns several users. */
  stepId?: string;
  servicePrincipalId: string;
  principalId: string;
  /** Shown in the title, for example the UPN. */
  principalLabel: string;
  appRoleId: string;
  roleName: string;
  /** True when the user is created by an earlier step of the same run. */
  freshPrincipal: boolean;
  dependsOn: string[];
}

export function assignUserStep(input: AssignUserInput): PlanStep {
  const body = { principalId: input.principalId, resourceId: input.servicePrincipalId, appRoleId: input.appRoleId };
  return {
    id: input.stepId ?? 'assign-user',
    kind: 'assign-user',
    title: `Assign ${input.principalLabel} to the app (role ${input.roleName})`,
    dependsOn: input.dependsOn,
    requests: [{ method: 'POST', path: `/servicePrincipals/${plannedPathSegment(input.servicePrincipalId)}/appRoleAssignedTo`, body }],
    params: { ...body, roleName: input.roleName, freshPrincipal: input.freshPrincipal },
  };
}
