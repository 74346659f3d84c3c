import type { TenantState } from '../../../src/sso/index.js';
import { goToMeetingProfile } from '../../../src/sso/index.js';

const readAt = '2026-06-01T00:00:00.000Z';
const thumbprint = 'DA20FCA696C4F83E8A9AED59BE33368ED421F3C1';

/** Builds a tenant without the app: only the organization and the gallery template. */
export function emptyTenant(overrides: Partial<TenantState> = {}): TenantState {
  return {
    readAt,
    tenantId: '11111111-2222-3333-4444-555555555555',
    defaultDomain: 'contoso.com',
    verifiedDomains: ['contoso.com'],
    template: { id: 'template-1', displayName: 'GoToMeeting' },
    assignments: [],
    ...overrides,
  };
}

/** Builds a tenant where GoToMeeting already matches the profile, with RelayState `relayState`. */
export function configuredTenant(relayState: string, overrides: Partial<TenantState> = {}): TenantState {
  return emptyTenant({
    application: {
      id: 'app-object-1',
      appId: 'app-id-1',
      identifierUris: [goToMeetingProfile.identifierUri],
      web: { redirectUris: [goToMeetingProfile.replyUrl] },
    },
    servicePrincipal: {
      id: 'sp-1',
      appId: 'app-id-1',
      preferredSingleSignOnMode: 'saml',
      samlSingleSignOnSettings: { relayState },
      loginUrl: null,
      preferredTokenSigningKeyThumbprint: thumbprint,
      keyCredentials: [
        {
          customKeyIdentifier: Buffer.from(thumbprint, 'hex').toString('base64'),
          usage: 'Verify',
          type: 'AsymmetricX509Cert',
          endDateTime: '2029-01-01T00:00:00Z',
        },
      ],
      appRoles: [
        { id: 'role-user', displayName: 'User', allowedMemberTypes: ['User'], isEnabled: true },
        { id: 'role-msiam', displayName: 'msiam_access', allowedMemberTypes: ['User'], isEnabled: true },
      ],
    },
    ...overrides,
  });
}
