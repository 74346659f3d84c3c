import type { CollectionSpec } from './query-options.js';

export const templateSpec: CollectionSpec = {
  resource: 'ApplicationTemplate',
  typeName: 'applicationTemplate',
  contextFragment: 'applicationTemplates',
  properties: [
    'id', 'displayName', 'homePageUrl', 'supportedSingleSignOnModes', 'supportedProvisioningTypes',
    'logoUrl', 'categories', 'publisher', 'description',
  ],
  filters: { displayName: ['eq', 'contains'], 'categories/any': ['contains', 'eq'] },
  maxTop: 999,
};

export const applicationSpec: CollectionSpec = {
  resource: 'Application',
  typeName: 'application',
  contextFragment: 'applications',
  properties: [
    'id', 'appId', 'applicationTemplateId', 'createdDateTime', 'deletedDateTime', 'description', 'displayName',
    'identifierUris', 'publisherDomain', 'signInAudience', 'tags', 'appRoles', 'keyCredentials',
    'passwordCredentials', 'web',
  ],
  filters: {
    appId: ['eq'],
    displayName: ['eq', 'startswith'],
    applicationTemplateId: ['eq'],
    'identifierUris/any': ['eq', 'startswith'],
  },
};

export const servicePrincipalSpec: CollectionSpec = {
  resource: 'ServicePrincipal',
  typeName: 'servicePrincipal',
  contextFragment: 'servicePrincipals',
  properties: [
    'id', 'accountEnabled', 'appDisplayName', 'appId', 'applicationTemplateId', 'appOwnerOrganizationId',
    'appRoleAssignmentRequired', 'appRoles', 'deletedDateTime', 'displayName', 'homepage', 'keyCredentials',
    'loginUrl', 'logoutUrl', 'notificationEmailAddresses', 'passwordCredentials', 'preferredSingleSignOnMode',
    'preferredTokenSigningKeyEndDateTime', 'preferredTokenSigningKeyThumbprint', 'replyUrls',
    'samlSingleSignOnSettings', 'servicePrincipalNames', 'servicePrincipalType', 'signInAudience', 'tags',
  ],
  filters: {
    appId: ['eq'],
    displayName: ['eq', 'startswith'],
    applicationTemplateId: ['eq'],
    'servicePrincipalNames/any': ['eq', 'startswith'],
  },
};

export const userSpec: CollectionSpec = {
  resource: 'User',
  typeName: 'user',
  contextFragment: 'users',
  properties: [
    'id', 'accountEnabled', 'businessPhones', 'createdDateTime', 'displayName', 'givenName', 'jobTitle', 'mail',
    'mailNickname', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'userType',
  ],
  defaultProperties: [
    'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
    'preferredLanguage', 'surname', 'userPrincipalName', 'id',
  ],
  filters: {
    id: ['eq'],
    displayName: ['eq', 'startswith'],
    userPrincipalName: ['eq', 'startswith'],
    mail: ['eq', 'startswith'],
    givenName: ['eq', 'startswith'],
    surname: ['eq', 'startswith'],
    userType: ['eq'],
  },
  searchable: ['displayName', 'userPrincipalName', 'mail', 'givenName', 'surname'],
  pageable: true,
};

export const assignmentSpec: CollectionSpec = {
  resource: 'AppRoleAssignment',
  typeName: 'appRoleAssignment',
  contextFragment: 'servicePrincipals/appRoleAssignedTo',
  properties: [
    'id', 'appRoleId', 'createdDateTime', 'deletedDateTime', 'principalDisplayName', 'principalId',
    'principalType', 'resourceDisplayName', 'resourceId',
  ],
  filters: { principalId: ['eq'], appRoleId: ['eq'], principalType: ['eq'] },
  pageable: true,
};

export const groupMemberSpec: CollectionSpec = {
  resource: 'DirectoryObject',
  typeName: 'user',
  contextFragment: 'directoryObjects',
  properties: ['@odata.type', ...userSpec.properties],
  defaultProperties: ['@odata.type', ...(userSpec.defaultProperties ?? [])],
  pageable: true,
};
