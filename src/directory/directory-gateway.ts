import type {
  Application,
  ApplicationServicePrincipal,
  ApplicationTemplate,
  AppRoleAssignment,
  DirectoryObject,
  Organization,
  SelfSignedCertificate,
  ServicePrincipal,
  User,
} from '@microsoft/microsoft-graph-types';
import type { DirectoryError } from './directory-error.js';

/** A retry the gateway is about to make, for progress events and logs. */
export interface RetryNotice {
  operation: string;
  /** The attempt that failed, starting at 1. */
  attempt: number;
  delayMs: number;
  reason: string;
  error: DirectoryError;
}

export interface CallOptions {
  /** The object was created moments ago: a 404 is retried as replication lag. */
  fresh?: boolean;
  /** Called before each retry of this call, in addition to the gateway's own callback. */
  onRetry?: (notice: RetryNotice) => void;
  signal?: AbortSignal;
}

export interface ApplicationPatchOptions extends CallOptions {
  /** The SAML mode was set moments ago: HostNameNotOnVerifiedDomain is retried. */
  afterSamlSwitch?: boolean;
}

export interface AssignmentOptions extends CallOptions {
  /** The principal was created moments ago: "Not a valid reference update." is retried. */
  freshPrincipal?: boolean;
}

/** Exactly one field selects the kind of search. */
export type UserQuery =
  | { displayName: string }
  | { startsWith: string }
  | { upn: string }
  | { mail: string };

export interface NewUser {
  displayName: string;
  mailNickname: string;
  userPrincipalName: string;
  password: string;
  forceChangePasswordNextSignIn: boolean;
}

export interface BatchGet {
  id: string;
  /** A path relative to the version, for example `/servicePrincipals/{id}`, already encoded. */
  url: string;
  headers?: Record<string, string>;
}

export interface BatchResult<T = unknown> {
  id: string;
  status: number;
  body?: T;
  /** Set when the status is not 2xx. */
  error?: DirectoryError;
}

/** Typed Microsoft Graph operations the set-up engine needs. */
export interface DirectoryGateway {
  /** Templates whose display name equals one of `names`, or else contains one of them. */
  findApplicationTemplates(names: string | string[]): Promise<ApplicationTemplate[]>;
  /** The single template for `names`; `not_found` or `ambiguous_match` (listing the matches) otherwise. */
  findApplicationTemplate(names: string[]): Promise<ApplicationTemplate>;
  instantiateTemplate(templateId: string, displayName: string, options?: CallOptions): Promise<ApplicationServicePrincipal>;

  getApplication(id: string, options?: CallOptions): Promise<Application>;
  patchApplication(id: string, body: Application, options?: ApplicationPatchOptions): Promise<void>;
  deleteApplication(id: string, options?: CallOptions): Promise<void>;
  findApplicationsByIdentifierUri(identifierUri: string): Promise<Application[]>;
  findApplicationsByAppId(appId: string): Promise<Application[]>;

  getServicePrincipal(id: string, options?: CallOptions): Promise<ServicePrincipal>;
  findServicePrincipalByAppId(appId: string): Promise<ServicePrincipal | undefined>;
  findServicePrincipalsByTemplateId(templateId: string): Promise<ServicePrincipal[]>;
  patchServicePrincipal(id: string, body: ServicePrincipal, options?: CallOptions): Promise<void>;
  addTokenSigningCertificate(
    servicePrincipalId: string,
    request: { displayName: string; endDateTime?: string },
    options?: CallOptions,
  ): Promise<SelfSignedCertificate>;
  activateSigningCertificate(servicePrincipalId: string, thumbprint: string, options?: CallOptions): Promise<void>;

  getUser(idOrUserPrincipalName: string, options?: CallOptions): Promise<User>;
  findUsers(query: UserQuery): Promise<User[]>;
  /** `$search` on display name, mail and UPN; eventually consistent, so never used to confirm a write. */
  searchUsers(text: string): Promise<User[]>;
  createUser(user: NewUser, options?: CallOptions): Promise<User>;

  listAppRoleAssignedTo(servicePrincipalId: string, options?: CallOptions): Promise<AppRoleAssignment[]>;
  addAppRoleAssignment(
    servicePrincipalId: string,
    assignment: { principalId: string; appRoleId: string },
    options?: AssignmentOptions,
  ): Promise<AppRoleAssignment>;
  removeAppRoleAssignment(servicePrincipalId: string, assignmentId: string, options?: CallOptions): Promise<void>;

  /** The subset of `groupIds` that the user is a transitive member of. */
  checkMemberGroups(userId: string, groupIds: string[]): Promise<string[]>;
  getOrganization(): Promise<Organization>;
  listGroupMembers(groupId: string): Promise<DirectoryObject[]>;

  /** Sends GET requests through JSON batching, 20 per batch, and returns one result per request. */
  batch<T = unknown>(requests: BatchGet[]): Promise<Array<BatchResult<T>>>;
}
