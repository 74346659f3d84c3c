import { randomUUID } from 'node:crypto';
import type { JsonObject } from './types.js';

// Builders for the objects that instantiating a gallery template creates,
// shaped like Graph's responses for gallery SAML apps. Both objects get two
// app roles `User` and `msiam_access` with fresh ids. Assignment is required,
// and there are no identifier or reply URLs and no SSO mode yet.

function galleryAppRoles(): JsonObject[] {
  const role = (displayName: string, description: string): JsonObject => ({
    allowedMemberTypes: ['User'],
    description,
    displayName,
    id: randomUUID(),
    isEnabled: true,
    origin: 'Application',
    value: null,
  });
  return [role('User', 'User'), role('msiam_access', 'msiam_access')];
}

export function newApplication(template: JsonObject, displayName: string, tenantDomain: string, appRoles: JsonObject[]): JsonObject {
  return {
    id: randomUUID(),
    appId: randomUUID(),
    applicationTemplateId: template.id,
    createdDateTime: new Date().toISOString(),
    deletedDateTime: null,
    description: null,
    displayName,
    identifierUris: [],
    publisherDomain: tenantDomain,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    appRoles,
    keyCredentials: [],
    passwordCredentials: [],
    web: {
      homePageUrl: template.homePageUrl ?? null,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: true },
    },
  };
}

export function newServicePrincipal(application: JsonObject, tenantId: string): JsonObject {
  return {
    id: randomUUID(),
    accountEnabled: true,
    appDisplayName: application.displayName,
    appId: application.appId,
    applicationTemplateId: application.applicationTemplateId,
    appOwnerOrganizationId: tenantId,
    appRoleAssignmentRequired: true,
    appRoles: application.appRoles,
    deletedDateTime: null,
    displayName: application.displayName,
    homepage: (application.web as JsonObject).homePageUrl,
    keyCredentials: [],
    loginUrl: null,
    logoutUrl: null,
    notificationEmailAddresses: [],
    passwordCredentials: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyEndDateTime: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    samlSingleSignOnSettings: null,
    servicePrincipalNames: [application.appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
  };
}

export function newGalleryPair(template: JsonObject, displayName: string, tenantId: string, tenantDomain: string): {
  application: JsonObject;
  servicePrincipal: JsonObject;
} {
  const roles = galleryAppRoles();
  const application = newApplication(template, displayName, tenantDomain, roles);
  const servicePrincipal = newServicePrincipal(application, tenantId);
  servicePrincipal.appRoles = roles.map((role) => ({ ...role }));
  return { application, servicePrincipal };
}

/** Copies the application's identifier and reply URLs onto its service principal, as Entra does. */
export function mirrorToServicePrincipal(application: JsonObject, servicePrincipal: JsonObject): void {
  const web = application.web as JsonObject;
  servicePrincipal.servicePrincipalNames = [application.appId, ...(application.identifierUris as string[])];
  servicePrincipal.replyUrls = [...(web.redirectUris as string[])];
  servicePrincipal.displayName = application.displayName;
  servicePrincipal.appDisplayName = application.displayName;
}
